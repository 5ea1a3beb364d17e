"""The dashboards: ipywidgets apps over the core model, served by Voila."""

__all__: list[str] = []
