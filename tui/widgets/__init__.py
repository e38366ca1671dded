"""Reusable widgets: charts, maps and boards that scenes compose."""
