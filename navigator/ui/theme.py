"""Fusion style with our own palette and a small stylesheet, identical on every OS."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from navigator.paths import assets_dir

BASE_POINT_SIZE = 12  # ~16 px at 96 dpi
TEXT_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)  # the text sizes offered: 100% to 200%

COLORS = {
    "window": "#f8fafc", "base": "#ffffff", "text": "#111827", "muted": "#4b5563",
    "accent": "#1d4ed8", "accent_text": "#ffffff", "border": "#cbd5e1",
    "ok": "#166534", "ok_bg": "#dcfce7", "bad": "#991b1b", "bad_bg": "#fee2e2",
    "info_bg": "#eff6ff", "warn_bg": "#fef3c7", "focus": "#111827", "alt": "#f1f5f9",
    "notice_border": "#b45309", "disabled_text": "#6b7280", "disabled_bg": "#e5e7eb",
    "disabled_border": "#d1d5db", "spoken_bg": "#fde68a",
}

# White and yellow on black: every pair is above 7:1 (WCAG AAA). Right and wrong never rely
# on colour alone (they carry ✓ and ✗ and words), so green and red may be bright here.
HIGH_CONTRAST = {
    "window": "#000000", "base": "#000000", "text": "#ffffff", "muted": "#ffffff",
    "accent": "#ffd700", "accent_text": "#000000", "border": "#ffffff",
    "ok": "#7cff7c", "ok_bg": "#000000", "bad": "#ff8a8a", "bad_bg": "#000000",
    "info_bg": "#1a1a1a", "warn_bg": "#000000", "focus": "#00ffff", "alt": "#141414",
    "notice_border": "#ffd700", "disabled_text": "#c0c0c0", "disabled_bg": "#000000",
    "disabled_border": "#808080", "spoken_bg": "#ffd700",
}


class _Current:
    scale = 1.0
    high_contrast = False


def current_colors() -> dict[str, str]:
    return HIGH_CONTRAST if _Current.high_contrast else COLORS


def is_high_contrast() -> bool:
    return _Current.high_contrast


def point_size() -> int:
    """The base text size in points at the chosen text scale."""
    return round(BASE_POINT_SIZE * _Current.scale)


def palette_colour(name: str) -> QColor:
    """A colour of the current theme by name (``ok``, ``bad``, ``accent``, ``focus``...)."""
    return QColor(current_colors()[name])


STYLESHEET = """
QWidget {{ font-size: {size}pt; }}
QPushButton {{ min-height: 40px; padding: 4px 16px; border-radius: 6px;
              border: 3px solid {border}; background: {base}; }}
QPushButton:focus {{ border-color: {accent}; }}
QPushButton[role="primary"] {{ background: {accent}; color: {accent_text};
                              border-color: {accent}; font-weight: bold; }}
QPushButton[role="primary"]:focus {{ border-color: {text}; }}
QPushButton:disabled {{ color: {disabled_text}; background: {disabled_bg};
                        border-color: {disabled_border}; }}
QLineEdit, QComboBox {{ min-height: 40px; padding: 2px 8px; border: 2px solid {border};
                       border-radius: 6px; background: {base}; }}
QLineEdit:focus, QComboBox:focus {{ border-color: {accent}; }}
QTreeWidget {{ border: 1px solid {border}; border-radius: 6px; background: {base}; }}
QTreeWidget::item {{ min-height: 36px; }}
QTreeWidget:focus {{ border: 2px solid {accent}; }}
QListWidget#search-results {{ border: 1px solid {border}; border-radius: 6px;
                             background: {base}; }}
QListWidget#search-results::item {{ padding: 8px; border-bottom: 1px solid {border};
                                   color: {text}; }}
QListWidget#search-results::item:selected {{ background: {info_bg}; color: {text};
                                            border-left: 4px solid {accent}; }}
QListWidget#order-list {{ border: 1px solid {border}; border-radius: 6px; background: {base};
                         padding: 4px; }}
QListWidget#order-list:focus {{ border: 2px solid {accent}; }}
QListWidget#order-list::item {{ min-height: 44px; border: 1px solid {border};
                               border-radius: 6px; margin: 3px; padding: 4px 8px;
                               background: {window}; color: {text}; }}
QListWidget#order-list::item:selected {{ border: 3px solid {accent}; background: {info_bg}; }}
QProgressBar {{ border: 1px solid {border}; border-radius: 6px; background: {base};
               min-height: 12px; max-height: 12px; text-align: center; }}
QProgressBar::chunk {{ background: {accent}; border-radius: 5px; }}
QRadioButton, QCheckBox {{ spacing: 12px; padding: 4px; min-height: 28px;
                           background: transparent; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: 20px; height: 20px;
    border: 2px solid {muted}; background: {base}; }}
QRadioButton::indicator {{ border-radius: 12px; }}
QCheckBox::indicator {{ border-radius: 4px; }}
QRadioButton::indicator:focus, QCheckBox::indicator:focus {{ border: 3px solid {accent}; }}
QRadioButton::indicator:checked {{ border-color: {accent}; background: qradialgradient(
    cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {accent}, stop: 0.55 {accent},
    stop: 0.6 {base}, stop: 1 {base}); }}
QCheckBox::indicator:checked {{ border-color: {accent}; background: {accent};
                                image: url("{check_icon}"); }}
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled {{ border-color: {muted}; }}
QLabel[role="title"] {{ font-size: {title}pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: {muted}; }}
QLabel[role="heading"] {{ font-weight: bold; margin-top: 8px; }}
QFrame[role="card"] {{ background: {base}; border: 1px solid {border}; border-radius: 8px; }}
QFrame[role="feedback-ok"] {{ background: {ok_bg}; border: 2px solid {ok}; border-radius: 8px; }}
QFrame[role="feedback-bad"] {{ background: {bad_bg}; border: 2px solid {bad};
                              border-radius: 8px; }}
QFrame[role="notice"] {{ background: {warn_bg}; border: 2px solid {notice_border};
                        border-radius: 8px; }}
QTextBrowser {{ border: none; background: {base}; }}
"""


def apply_theme(app: QApplication, *, scale: float = 1.0, high_contrast: bool = False) -> None:
    """Set Fusion, the palette, the text size (``scale`` 1.0 to 2.0) and the stylesheet.
    Call again to change them while the app runs; every widget is re-styled."""
    _Current.scale = min(max(scale, TEXT_SCALES[0]), TEXT_SCALES[-1])
    _Current.high_contrast = high_contrast
    colors = current_colors()
    app.setStyle("Fusion")
    palette = QPalette()
    role = QPalette.ColorRole
    for name, key in ((role.Window, "window"), (role.Base, "base"), (role.AlternateBase, "alt"),
                      (role.Text, "text"), (role.WindowText, "text"),
                      (role.ButtonText, "text"), (role.Button, "base"),
                      (role.Highlight, "accent"), (role.HighlightedText, "accent_text"),
                      (role.Link, "accent"), (role.PlaceholderText, "muted"),
                      (role.ToolTipBase, "base"), (role.ToolTipText, "text")):
        palette.setColor(name, QColor(colors[key]))
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(colors["disabled_text"]))
    palette.setColor(QPalette.ColorGroup.Disabled, role.WindowText,
                     QColor(colors["disabled_text"]))
    palette.setColor(QPalette.ColorGroup.Disabled, role.ButtonText,
                     QColor(colors["disabled_text"]))
    app.setPalette(palette)
    size = point_size()
    font = QFont(app.font())
    font.setPointSize(size)
    app.setFont(font)
    icon = "check-black.svg" if colors["accent_text"] == "#000000" else "check-white.svg"
    check_icon = (assets_dir() / "icons" / icon).as_posix()
    app.setStyleSheet(STYLESHEET.format(size=size, title=round(size * 1.5),
                                        check_icon=check_icon, **colors))


def on_paper(image: QImage) -> QImage:
    """The picture on white, as printed: lesson pictures are drawn in black lines, which a
    black high-contrast background would hide."""
    paper = QImage(image.size(), QImage.Format.Format_ARGB32_Premultiplied)
    paper.setDevicePixelRatio(image.devicePixelRatio())
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def lesson_css(size: int | None = None) -> str:
    """The stylesheet of lesson text (a QTextDocument default stylesheet)."""
    size = size or point_size()
    c = current_colors()
    return f"""
body {{ font-size: {size + 1}pt; color: {c['text']}; }}
p, li {{ line-height: 150%; }}
h1, h2 {{ font-size: {round(size * 1.6)}pt; margin-bottom: 12px; }}
h3 {{ font-size: {round(size * 1.25)}pt; }}
a {{ color: {c['accent']}; }}
table {{ border-collapse: collapse; margin: 8px 0; }}
th, td {{ border: 1px solid {c['border']}; padding: 6px 10px; }}
th {{ background: {c['alt']}; }}
blockquote {{ margin-left: 16px; color: {c['muted']}; }}
code {{ background: {c['alt']}; }}
"""
