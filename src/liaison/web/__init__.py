"""Server-rendered pages of the workbench, one router per part of the work (assembled in `liaison.app`)."""
