"""Server-rendered pages of the workbench."""
