"""The registered levers, in the order they are applied (and drawn in the savings waterfall).

Adding a lever: write its module (settings dataclass + :class:`~omnicalc.levers.base.Lever`
subclass), declare its inputs in ``defaults/parameters.csv`` and ``params.SPECS``, and add it
to :data:`LEVERS` here. The scenario, its file section, the waterfall, the Monte Carlo, goal
seek, the dashboards and the reports pick it up from this tuple.
"""

from __future__ import annotations

from .base import Lever
from .channel_shift import ChannelShiftLever
from .digital_assistant import DigitalAssistantLever
from .proactive_status import ProactiveStatusLever
from .repeat_contacts import RepeatContactsLever
from .status_portal import StatusPortalLever

#: Every lever, in the order applied.
LEVERS: tuple[Lever, ...] = (
    StatusPortalLever(),
    ProactiveStatusLever(),
    DigitalAssistantLever(),
    RepeatContactsLever(),
    ChannelShiftLever(),
)

#: Levers by key (ramps, waterfall) and by section (scenario attribute, file section).
BY_KEY: dict[str, Lever] = {lv.key: lv for lv in LEVERS}
BY_SECTION: dict[str, Lever] = {lv.section: lv for lv in LEVERS}
LEVER_KEYS: tuple[str, ...] = tuple(lv.key for lv in LEVERS)
LEVER_LABELS: dict[str, str] = {lv.key: lv.label_nl for lv in LEVERS}


def lever_for_path(path: str) -> Lever | None:
    """The lever whose input ``path`` is (``status_portal.adoption_share``, ``channel_shifts[0].share``)."""
    head = path.split(".", 1)[0].split("[", 1)[0]
    return BY_SECTION.get(head)


__all__ = ["BY_KEY", "BY_SECTION", "LEVERS", "LEVER_KEYS", "LEVER_LABELS", "lever_for_path"]
