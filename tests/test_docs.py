"""The documentation site builds without a warning, and its sources page matches the shipped defaults."""

from __future__ import annotations

import importlib.util
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_sources_page_matches_the_defaults():
    spec = importlib.util.spec_from_file_location("make_sources_page", ROOT / "docs" / "make_sources_page.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "bronnen.md").read_text(encoding="utf-8") == module.render(), (
        "run: python docs/make_sources_page.py"
    )
    assert (ROOT / "docs" / "contacten_per_inwoner.svg").read_bytes() == module.render_chart(), (
        "run: python docs/make_sources_page.py"
    )
    page = (ROOT / "docs" / "bronnen.md").read_text(encoding="utf-8")
    # Every point with the population of its own year: Utrecht 2019 phone 299,136 / 352,866 (1-1-2019).
    assert "| Utrecht | 2019 | Telefoon | 299.136 | 352.866 | 1-1-2019 | 0,848 | ja |" in page
    assert "![Contacten per inwoner" in page and "(contacten_per_inwoner.svg)" in page
    inputs = (ROOT / "docs" / "invoer.md").read_text(encoding="utf-8")
    assert inputs == module.render_inputs(), "run: python docs/make_sources_page.py"
    for path in (
        "`cost.top_down_eur_per_contact.{kanaal}`",
        "`status_portal.adoption_share`",
        "`channel_shifts[{k}].share`",
    ):
        assert path in inputs


def test_docs_build_strict(tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    p = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    assert "WARNING" not in p.stderr, p.stderr
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    for name in (
        "run_business_case",
        "evaluate_national",
        "simulate",
        "goal_seek",
        "read_kcc_export",
        "read_registrations",
    ):
        assert name in api


# Classes that are results or errors (documented by their attributes), and Baseline, which is built with its
# classmethods (checked below) rather than its constructor.
NOT_INPUTS = {
    "Imported", "GoalSeek", "OptimalMix", "NationalSimulation", "Simulation", "Tornado", "UncertainInput", "IRR",
    "Payback", "StaffingCheck", "BusinessCaseResult", "HeadlineResult", "NationalResult", "Result", "Staffing",
    "ScenarioFile", "Measured",
    "Baseline", "InputError", "ScenarioFileError", "OmnicalcError", "AssumptionWarning",
}  # fmt: skip


def documented_parameters(doc: str) -> dict[str, str]:
    """``{name: description}`` from a numpydoc Parameters section."""
    if "Parameters\n----------\n" not in doc:
        return {}
    section = doc.split("Parameters\n----------\n", 1)[1]
    section = re.split(r"\n\n(?=[A-Z][a-z]+\n-+\n)", section, maxsplit=1)[0]
    out: dict[str, str] = {}
    name = ""
    for line in section.splitlines():
        if line and not line.startswith(" "):
            name = line.split(" : ")[0].strip()
            out[name] = ""
        elif name:
            out[name] += line.strip() + " "
    return out


def public_callables():
    import omnicalc as oc

    for name in oc.__all__:
        obj = getattr(oc, name)
        if inspect.isfunction(obj) or (inspect.isclass(obj) and name not in NOT_INPUTS):
            yield name, obj
    for method in ("from_channel_volumes", "from_population", "with_status_question_share"):
        yield f"Baseline.{method}", getattr(oc.Baseline, method)


def test_every_public_parameter_is_documented_with_its_unit():
    """numpydoc: every parameter of the public functions and input classes is listed, and every numeric one
    carries its unit in brackets (e.g. [EUR/contact], [-] for a share)."""
    problems = []
    for name, obj in public_callables():
        documented = documented_parameters(inspect.getdoc(obj) or "")
        for p in inspect.signature(obj).parameters.values():
            if p.name == "self":
                continue
            key = f"**{p.name}" if p.kind is p.VAR_KEYWORD else p.name
            if key not in documented:
                problems.append(f"{name}: parameter {key} not documented")
            elif any(t in str(p.annotation) for t in ("float", "ArrayLike")) and "[" not in documented[key]:
                problems.append(f"{name}: parameter {key} has no [unit]")
    assert not problems, "\n".join(problems)
