# PyInstaller runtime hook: runs inside the bundle before Navigator's own code.
# Portable mode: with navigator-portable.txt beside the executable, the data and settings
# folders are kept beside it too (see navigator/portable.py).
from navigator.portable import apply_portable_mode

apply_portable_mode()
