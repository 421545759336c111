"""Renderers: turn data into one output format each. The only place that knows rich."""
