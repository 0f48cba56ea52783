"""jtai: evidence for joint targeted area inspections of children's mental health."""

__version__ = "0.1.0"
