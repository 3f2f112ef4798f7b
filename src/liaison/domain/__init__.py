"""Plain typed objects and pure rules of the domain: no I/O, no framework."""
