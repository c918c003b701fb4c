"""Fusion style with our own palette and a small stylesheet, identical on every OS."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from navigator.paths import assets_dir

BASE_POINT_SIZE = 12  # ~16 px at 96 dpi

COLORS = {
    "window": "#f8fafc", "base": "#ffffff", "text": "#111827", "muted": "#4b5563",
    "accent": "#1d4ed8", "accent_text": "#ffffff", "border": "#cbd5e1",
    "ok": "#166534", "ok_bg": "#dcfce7", "bad": "#991b1b", "bad_bg": "#fee2e2",
    "info_bg": "#eff6ff", "warn_bg": "#fef3c7", "focus": "#111827",
}


def palette_colour(name: str) -> QColor:
    """A colour of the theme by name (``ok``, ``bad``, ``accent``, ``focus``...)."""
    return QColor(COLORS[name])

STYLESHEET = """
QWidget {{ font-size: {size}pt; }}
QPushButton {{ min-height: 40px; padding: 4px 16px; border-radius: 6px;
              border: 3px solid {border}; background: {base}; }}
QPushButton:focus {{ border-color: {accent}; }}
QPushButton[role="primary"] {{ background: {accent}; color: {accent_text};
                              border-color: {accent}; font-weight: bold; }}
QPushButton[role="primary"]:focus {{ border-color: {text}; }}
QPushButton:disabled {{ color: #6b7280; background: #e5e7eb; border-color: #d1d5db; }}
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
QFrame[role="notice"] {{ background: {warn_bg}; border: 1px solid #b45309; border-radius: 8px; }}
QTextBrowser {{ border: none; background: {base}; }}
"""


def apply_theme(app: QApplication, *, point_size: int = BASE_POINT_SIZE) -> None:
    """Set Fusion, our palette, a base font size and the stylesheet."""
    app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(COLORS["window"]))
    palette.setColor(QPalette.ColorRole.Base, QColor(COLORS["base"]))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f1f5f9"))
    palette.setColor(QPalette.ColorRole.Text, QColor(COLORS["text"]))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(COLORS["text"]))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(COLORS["text"]))
    palette.setColor(QPalette.ColorRole.Button, QColor(COLORS["base"]))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(COLORS["accent"]))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(COLORS["accent_text"]))
    palette.setColor(QPalette.ColorRole.Link, QColor(COLORS["accent"]))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(COLORS["muted"]))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSize(point_size)
    app.setFont(font)
    check_icon = (assets_dir() / "icons" / "check-white.svg").as_posix()
    app.setStyleSheet(STYLESHEET.format(size=point_size, title=round(point_size * 1.5),
                                        check_icon=check_icon, **COLORS))


def lesson_css(point_size: int = BASE_POINT_SIZE) -> str:
    """The stylesheet of lesson text (a QTextDocument default stylesheet)."""
    return f"""
body {{ font-size: {point_size + 1}pt; color: {COLORS['text']}; }}
p, li {{ line-height: 150%; }}
h1, h2 {{ font-size: {round(point_size * 1.6)}pt; margin-bottom: 12px; }}
h3 {{ font-size: {round(point_size * 1.25)}pt; }}
a {{ color: {COLORS['accent']}; }}
table {{ border-collapse: collapse; margin: 8px 0; }}
th, td {{ border: 1px solid {COLORS['border']}; padding: 6px 10px; }}
th {{ background: #f1f5f9; }}
blockquote {{ margin-left: 16px; color: {COLORS['muted']}; }}
code {{ background: #f1f5f9; }}
"""
