"""The PySide6 interface. Nothing outside this package (and app.py) imports Qt."""
