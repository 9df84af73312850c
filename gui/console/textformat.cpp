// SPDX-License-Identifier: MIT
#include "console/textformat.h"

#include <array>

namespace aproc::monitor {

namespace {

// Readable on a light background (Tango-like), as the console's default is the palette's base.
constexpr std::array<QRgb, 16> basicColors = {
        0x000000, 0xcc0000, 0x4e9a06, 0xc4a000, 0x3465a4, 0x75507b, 0x06989a, 0xd3d7cf,
        0x555753, 0xef2929, 0x8ae234, 0xfce94f, 0x729fcf, 0xad7fa8, 0x34e2e2, 0xeeeeec,
};

int cubeLevel(int step)
{
    return step == 0 ? 0 : 55 + step * 40;
}

} // namespace

QColor ansiColor(int index)
{
    if (index < 0 || index > 255)
        return {};
    if (index < 16)
        return QColor::fromRgb(basicColors[size_t(index)]);
    if (index < 232) {
        const int cube = index - 16;
        return QColor(cubeLevel(cube / 36), cubeLevel(cube / 6 % 6), cubeLevel(cube % 6));
    }
    const int grey = 8 + (index - 232) * 10;
    return QColor(grey, grey, grey);
}

QTextCharFormat TextFormat::toCharFormat(const QColor &defaultForeground,
                                         const QColor &defaultBackground) const
{
    QColor fg = foreground.isValid() ? foreground : defaultForeground;
    QColor bg = background.isValid() ? background : QColor();
    if (inverse) {
        const QColor swappedBackground = fg;
        fg = bg.isValid() ? bg : defaultBackground;
        bg = swappedBackground;
    }
    if (faint)
        fg.setAlpha(150);
    QTextCharFormat format;
    if (fg.isValid())
        format.setForeground(fg);
    if (bg.isValid())
        format.setBackground(bg);
    if (bold)
        format.setFontWeight(QFont::Bold);
    if (italic)
        format.setFontItalic(true);
    if (underline)
        format.setFontUnderline(true);
    return format;
}

} // namespace aproc::monitor
