"""The dashboards: ipywidgets apps over the core model, served by Voila."""
