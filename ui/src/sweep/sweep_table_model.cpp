#include "sweep/sweep_table_model.h"

#include <QFont>
#include <QLocale>
#include <cmath>

namespace kd::ui {

QString percentWithInterval(const kd::Estimate& e, bool sign) {
  if (e.n == 0 || std::isnan(e.mean)) return QStringLiteral("\u2013");
  QString mean = QString::number(100 * e.mean, 'f', 2);
  if (sign && e.mean > 0) mean.prepend('+');
  if (e.n < 2) return mean;
  return mean + QString(" \u00b1 %1").arg(100 * (e.high - e.mean), 0, 'f', 2);
}

void SweepTableModel::setResults(kd::SweepResults results) {
  beginResetModel();
  results_ = std::move(results);
  settings_.clear();
  for (const auto& p : results_.points)
    for (const auto& s : p.point.settings)
      if (std::find(settings_.begin(), settings_.end(), s.first) == settings_.end())
        settings_.push_back(s.first);
  endResetModel();
}

int SweepTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(results_.points.size());
}

int SweepTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : 1 + int(settings_.size()) + kFixedCount;
}

QVariant SweepTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  if (section == 0) return tr("Point");
  if (section <= int(settings_.size()))
    return QString::fromStdString(kd::settingLabel(settings_[size_t(section - 1)]));
  static const char* names[] = {QT_TR_NOOP("Seeds"),        QT_TR_NOOP("Student %"),
                                QT_TR_NOOP("Baseline %"),   QT_TR_NOOP("KD \u2212 baseline"),
                                QT_TR_NOOP("KD won"),       QT_TR_NOOP("Agreement %"),
                                QT_TR_NOOP("Parameters"),   QT_TR_NOOP("MACs/image"),
                                QT_TR_NOOP("Wall time (s)")};
  return tr(names[section - 1 - int(settings_.size())]);
}

QVariant SweepTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const kd::PointResult& p = results_.points[size_t(index.row())];
  const bool best = index.row() == results_.best;
  if (role == Qt::FontRole && best) {
    QFont bold;
    bold.setBold(true);
    return bold;
  }
  if (role == Qt::ToolTipRole && best && index.column() > 0)
    return tr("The best point: highest mean student accuracy");
  const int column = index.column();
  if (column == 0) {  // the point's number; its folder name (with the settings) as tooltip
    const QString name = QString::fromStdString(p.point.name);
    if (role == Qt::DisplayRole)
      return (settings_.empty() ? name : name.section('_', 0, 0)) + (best ? " \u2605" : "");
    if (role == Qt::ToolTipRole) return "runs/" + name + (best ? tr("\nThe best point") : "");
    if (role == Qt::UserRole) return index.row();
    return {};
  }
  if (column <= int(settings_.size())) return settingValue(p, column - 1, role);
  return fixedValue(p, column - 1 - int(settings_.size()), role);
}

QVariant SweepTableModel::settingValue(const kd::PointResult& p, int setting, int role) const {
  if (role != Qt::DisplayRole && role != Qt::UserRole) return {};
  for (const auto& [path, value] : p.point.settings) {
    if (path != settings_[size_t(setting)]) continue;
    const QString label = QString::fromStdString(kd::valueLabel(value));
    if (role == Qt::DisplayRole) return label;
    bool number = false;
    const double v = label.toDouble(&number);
    return number ? QVariant(v) : QVariant(label);
  }
  return {};
}

QVariant SweepTableModel::fixedValue(const kd::PointResult& p, int column, int role) const {
  const bool display = role == Qt::DisplayRole, sort = role == Qt::UserRole;
  if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
  if (!display && !sort) return {};
  auto estimate = [&](const kd::Estimate& e, bool sign = false) -> QVariant {
    return display ? QVariant(percentWithInterval(e, sign)) : QVariant(e.mean);
  };
  const int64_t parameters = p.runs.empty() ? 0 : p.runs[0].kd.student.parameters;
  const int64_t macs = p.runs.empty() ? 0 : p.runs[0].kd.student.macs;
  switch (column) {
    case kSeeds:
      return p.student.n;
    case kStudent:
      return estimate(p.student);
    case kBaseline:
      return estimate(p.baseline);
    case kDifference:
      return estimate(p.difference, true);
    case kWins:
      if (p.baseline.n == 0) return display ? QVariant("\u2013") : QVariant(-1);
      return display ? QVariant(tr("%1 of %2").arg(p.kdWins).arg(p.difference.n))
                     : QVariant(p.kdWins);
    case kAgreement:
      return estimate(p.agreement);
    case kParameters:
      return display ? QVariant(QLocale().toString(qlonglong(parameters)))
                     : QVariant(qlonglong(parameters));
    case kMacs:
      return display ? QVariant(QLocale().toString(qlonglong(macs))) : QVariant(qlonglong(macs));
    case kWall:
      return display ? QVariant(QString::number(p.wallSeconds, 'f', 1)) : QVariant(p.wallSeconds);
  }
  return {};
}

}  // namespace kd::ui
