#pragma once
// The window's colours and its presentation scale, in one place. Colours come from Okabe and
// Ito's palette, which viewers with any common colour-vision deficiency tell apart and which
// keeps its contrast on a washed-out projector; roles (teacher, student, ...) keep one colour
// in every view. Presentation mode scales fonts and curve widths for the back of the room.
#include <QColor>

class QCustomPlot;

namespace kd::ui::theme {

// Okabe & Ito (2008), "Color Universal Design".
inline const QColor kBlack{0, 0, 0};
inline const QColor kOrange{230, 159, 0};
inline const QColor kSkyBlue{86, 180, 233};
inline const QColor kGreen{0, 158, 115};  // bluish green
inline const QColor kYellow{240, 228, 66};
inline const QColor kBlue{0, 114, 178};
inline const QColor kVermillion{213, 94, 0};
inline const QColor kPurple{204, 121, 167};  // reddish purple
inline const QColor kGrey{110, 110, 110};

inline const QColor kTeacher = kGrey;
inline const QColor kStudent = kBlue;
inline const QColor kBaseline = kVermillion;

// The colour of category `i` (a class on the embedding maps): Okabe & Ito's colours (grey for
// their black, which marks chosen points), then brown and pink, then hues around the wheel.
QColor categoryColour(int i);

constexpr double kPresentationFontScale = 1.6;  // the issue asks for at least 1.5
constexpr double kPresentationLineScale = 2.0;

// Presentation mode on or off: what stylePlot() scales by. The window's own fonts follow the
// application font, which PresentationMode scales.
void setPresentation(bool on);

// Fonts of the plot's axes, tick labels, legend and title elements, from the application font
// (which presentation mode scales), and the width of every plottable's pen: its
// width when first styled, times the line scale in presentation mode. Call after adding
// plottables; calling again is harmless.
void stylePlot(QCustomPlot* plot);

}  // namespace kd::ui::theme
