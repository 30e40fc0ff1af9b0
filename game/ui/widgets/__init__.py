"""Drawn widgets of the board: panels, the log, charts, and the words for actions."""
