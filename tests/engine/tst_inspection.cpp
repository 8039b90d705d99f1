// Inspection of a finished run: Grad-CAM against a hand-computed map, softmax and KL per image
// against hand-computed numbers, a real run's logits matching its report, its nearest images
// matching its retrieval figures, and its embedding maps.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstring>
#include <set>

#include "distill/distill_loss.h"
#include "eval/grad_cam.h"
#include "kd/error.h"
#include "kd/experiment_runner.h"
#include "kd/inspection.h"
#include "test_data.h"

using namespace kd;

class TestInspection : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void gradCamMatchesHandComputation();
  void softmaxAndKl();
  void inspectsARealRun();
  void teacherLogitsAreReadBackWhileTheyAreThisTeachers();
  void missingRunIsRefused();

 private:
  void embeddingMapsOfARealRun(const QString& runDir);  // part of inspectsARealRun
  void figuresRecordedAtTheRunsEnd(const QString& runDir, const RunReport& report,
                                   const RepresentationReport& read);  // the same
};

namespace {

// A one-epoch run on 1,000 images with a small teacher trained here, into `dir`.
RunReport shortRun(const QString& dir, TrainingObserver& observer) {
  ExperimentConfig c = defaultExperiment();
  c.data.limitTrain = 1000;
  c.teacher.file.clear();  // trained here
  c.teacher.arch = preset("cnn-small");
  c.teacher.training.epochs = 1;
  c.training.epochs = 1;
  c.threads = 2;
  RunControl control;
  return runExperiment(c, {dir.toStdString(), "", {}}, observer, control);
}

std::vector<float> readFloats(const QString& path) {
  const std::vector<uint8_t> bytes = kd::test::readFile(path.toStdString());
  std::vector<float> floats(bytes.size() / sizeof(float));
  std::memcpy(floats.data(), bytes.data(), floats.size() * sizeof(float));
  return floats;
}

void writeFloats(const QString& path, const std::vector<float>& floats) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(floats.data());
  kd::test::writeFile(path.toStdString(), {bytes, bytes + floats.size() * sizeof(float)});
}

}  // namespace

void TestInspection::gradCamMatchesHandComputation() {
  // conv 1x1 (weight 2, bias 0) -> ReLU -> fc over the 16 activations. The score of class c is
  // sum_k W[c,k] A_k, so its gradient is W[c], each channel's weight is mean(W[c]), and the map
  // is relu(mean(W[c]) * A), scaled to a maximum of 1.
  ArchSpec arch;
  arch.name = "tiny";
  ConvLayerSpec conv;
  conv.channels = 1;
  conv.kernel = 1;
  arch.convs = {conv};
  KdNet model(arch, InputShape{1, 4, 4}, 2);
  torch::NoGradGuard noGrad;
  auto params = model->named_parameters();
  params["conv1.weight"].fill_(2.0);
  params["conv1.bias"].zero_();
  torch::Tensor w = torch::linspace(-1.0, 2.0, 32).view({2, 16});
  params["fc1.weight"].copy_(w);
  params["fc1.bias"].zero_();
  torch::Tensor x = torch::linspace(-0.5, 1.0, 16).view({1, 1, 4, 4});
  torch::Tensor cam;
  {
    torch::AutoGradMode enable(true);
    cam = gradCam(model, x, 1);
  }
  torch::Tensor a = (2 * x).relu().view({4, 4});
  torch::Tensor expected = (w[1].mean() * a).relu();
  expected = expected / expected.max();
  QVERIFY2(cam.allclose(expected, 1e-5, 1e-6), c10::str(cam, expected).c_str());
  // Class 0's weights average below zero: nothing in the image raises its score.
  QVERIFY(w[0].mean().item<double>() < 0);
  torch::Tensor none;
  {
    torch::AutoGradMode enable(true);
    none = gradCam(model, x, 0);
  }
  QVERIFY(none.eq(0).all().item<bool>());
  QVERIFY_THROWS_EXCEPTION(Error, gradCam(model, x, 2));
}

void TestInspection::softmaxAndKl() {
  const float teacher[2] = {2.0f, 0.0f}, student[2] = {0.0f, 0.0f};
  const double e = std::exp(1.0);  // T = 2: logits become (1, 0)
  auto p = softmax(teacher, 2, 2.0);
  QVERIFY(std::abs(p[0] - e / (e + 1)) < 1e-12);
  const double kl = p[0] * std::log(p[0] / 0.5) + p[1] * std::log(p[1] / 0.5);
  QVERIFY(std::abs(klDivergence(teacher, student, 2, 2.0) - kl) < 1e-12);
  // The same number as the training loss's unscaled KL term.
  LossTerms terms = distillationLoss(torch::tensor({{0.0, 0.0}}), torch::tensor({{2.0, 0.0}}),
                                     torch::tensor({0}, torch::kLong), 0.0, 2.0);
  QVERIFY(std::abs(terms.kl.item<double>() - kl) < 1e-6);
}

void TestInspection::inspectsARealRun() {
  QTemporaryDir tmp;
  struct ProbeRecorder : TrainingObserver {
    std::vector<Predictions> probes;
    void onProbe(const Predictions& p) override { probes.push_back(p); }
  } recorder;
  RunReport report = shortRun(tmp.path(), recorder);
  RunInspector inspector(tmp.path().toStdString());
  const Predictions& d = inspector.data();
  QCOMPARE(d.count, int64_t(10000));
  QCOMPARE(d.classes.size(), size_t(10));
  QCOMPARE(d.images.size(), size_t(10000 * 28 * 28));
  QCOMPARE(d.temperature, 4.0);
  auto accuracyOf = [&](const std::vector<float>& logits) {
    int64_t right = 0;
    for (int64_t i = 0; i < d.count; ++i) {
      const float* row = logits.data() + i * 10;
      right += std::max_element(row, row + 10) - row == d.labels[size_t(i)];
    }
    return double(right) / double(d.count);
  };
  QCOMPARE(accuracyOf(d.teacherLogits), report.teacher.testAccuracy);
  QCOMPARE(accuracyOf(d.studentLogits), report.student.testAccuracy);
  for (Role role : {Role::kTeacher, Role::kStudent}) {
    std::vector<float> cam = inspector.gradCam(role, 0, d.labels[0]);
    QCOMPARE(cam.size(), size_t(28 * 28));
    const float top = *std::max_element(cam.begin(), cam.end());
    QVERIFY(top == 1.0f || top == 0.0f);
    QVERIFY(*std::min_element(cam.begin(), cam.end()) >= 0.0f);
  }
  QVERIFY_THROWS_EXCEPTION(Error, inspector.gradCam(Role::kStudent, 10000, 0));

  // How each model arranges the test images: retrieval on all of them by the embedding, CKA of
  // cnn-small's two stages (teacher) with seed-student's two on the first 1,000. The functions'
  // values are checked in tst_representation; here, that the run's models feed them.
  const RepresentationReport& r = inspector.representation();
  QCOMPARE(r.images, int64_t(10000));
  QCOMPARE(r.similarityImages, int64_t(1000));
  QVERIFY(r.teacherKnown);
  for (const RetrievalScores& m : {r.teacher, r.student}) {
    QVERIFY2(m.recallAt1 > 0.3 && m.recallAt1 <= m.recallAt5 && m.recallAt5 <= 1,
             qPrintable(QString("recall@1 %1, @5 %2").arg(m.recallAt1).arg(m.recallAt5)));
    QVERIFY(m.meanAveragePrecision > 0.1 && m.meanAveragePrecision <= 1);  // chance: about 0.1
  }
  QCOMPARE(r.layerSimilarity.size(), size_t(2));
  for (const std::vector<double>& row : r.layerSimilarity) {
    QCOMPARE(row.size(), size_t(2));
    for (double cka : row) QVERIFY2(cka > 0 && cka <= 1 + 1e-9, qPrintable(QString::number(cka)));
  }
  QCOMPARE(&inspector.representation(), &r);  // computed once
  figuresRecordedAtTheRunsEnd(tmp.path(), report, r);
  // Each image's nearest image by the cosine of its embedding is of its class as often as
  // retrieval's recall@1 says (checked against NumPy in tst_representation).
  for (InspectedModel model : {InspectedModel::kTeacher, InspectedModel::kStudent}) {
    int64_t right = 0;
    for (int64_t i = 0; i < d.count; ++i)
      right += d.labels[size_t(inspector.nearestImages(model, i, 1)[0])] == d.labels[size_t(i)];
    const double recall =
        model == InspectedModel::kTeacher ? r.teacher.recallAt1 : r.student.recallAt1;
    // Up to two queries may differ: a near tie that the two computations' rounding orders apart.
    QVERIFY2(std::abs(double(right) / double(d.count) - recall) <= 2.0 / double(d.count),
             qPrintable(QString("%1 against %2").arg(double(right) / double(d.count)).arg(recall)));
  }
  const std::vector<int64_t> near = inspector.nearestImages(InspectedModel::kStudent, 5, 8);
  QCOMPARE(near.size(), size_t(8));
  QVERIFY(std::find(near.begin(), near.end(), 5) == near.end());
  QCOMPARE(std::set<int64_t>(near.begin(), near.end()).size(), size_t(8));
  QVERIFY_THROWS_EXCEPTION(Error, inspector.nearestImages(InspectedModel::kBaseline, 5, 8));
  // Attention maps: one per convolution stage, of the stage's size, scaled to [0, 1].
  for (InspectedModel model : {InspectedModel::kTeacher, InspectedModel::kStudent}) {
    const ArchSpec& arch =
        model == InspectedModel::kTeacher ? preset("cnn-small") : defaultExperiment().student;
    std::vector<std::vector<int>> convStages;
    for (const auto& stage : featureShapes(arch, {1, 28, 28}, 10).stages)
      if (stage.size() == 3) convStages.push_back(stage);
    const std::vector<AttentionMap> maps = inspector.attentionMaps(model, 7);
    QCOMPARE(maps.size(), convStages.size());
    QVERIFY(!maps.empty());
    for (size_t s = 0; s < maps.size(); ++s) {
      QCOMPARE(maps[s].height, convStages[s][1]);
      QCOMPARE(maps[s].width, convStages[s][2]);
      QCOMPARE(maps[s].values.size(), size_t(maps[s].height * maps[s].width));
      QCOMPARE(*std::max_element(maps[s].values.begin(), maps[s].values.end()), 1.0f);
      QCOMPARE(*std::min_element(maps[s].values.begin(), maps[s].values.end()), 0.0f);
    }
  }
  QVERIFY(inspector.attentionMaps(InspectedModel::kStudent, 7)[0].values !=
          inspector.attentionMaps(InspectedModel::kStudent, 8)[0].values);
  QVERIFY_THROWS_EXCEPTION(Error, inspector.attentionMaps(InspectedModel::kStudent, 10000));

  // The probe set: the first 1,000 test images before and after the one student epoch; the
  // last one holds the final student's predictions.
  QCOMPARE(recorder.probes.size(), size_t(2));
  QCOMPARE(recorder.probes[0].epoch, 0);
  const Predictions& last = recorder.probes[1];
  QCOMPARE(last.epoch, 1);
  QCOMPARE(last.count, kProbeImages);
  QCOMPARE(last.indices.back(), kProbeImages - 1);
  QVERIFY(std::equal(last.labels.begin(), last.labels.end(), d.labels.begin()));
  for (size_t i = 0; i < last.studentLogits.size(); ++i) {
    QVERIFY(std::abs(last.studentLogits[i] - d.studentLogits[i]) < 1e-4f);
    QVERIFY(std::abs(last.teacherLogits[i] - d.teacherLogits[i]) < 1e-4f);
  }
  QVERIFY(recorder.probes[0].studentLogits != last.studentLogits);
  // The run folder recorded them: the inspector reads back the same epochs and logits.
  QCOMPARE(inspector.probes().size(), size_t(2));
  for (size_t e = 0; e < 2; ++e) {
    QCOMPARE(inspector.probes()[e].epoch, int(e));
    QVERIFY(inspector.probes()[e].studentLogits == recorder.probes[e].studentLogits);
    QVERIFY(inspector.probes()[e].teacherLogits ==
            std::vector<float>(d.teacherLogits.begin(), d.teacherLogits.begin() + 10000));
    QVERIFY(inspector.probes()[e].images == recorder.probes[e].images);
  }
  // A damaged epoch file is left out, not read (then put back, for the replay below).
  const QString epochOne = tmp.path() + "/probe/epoch-001.f32";
  const std::vector<uint8_t> recorded = kd::test::readFile(epochOne.toStdString());
  kd::test::writeFile(epochOne.toStdString(), {1, 2, 3});
  QCOMPARE(RunInspector(tmp.path().toStdString()).probes().size(), size_t(1));
  kd::test::writeFile(epochOne.toStdString(), recorded);

  for (const ModelFacts& f : {d.teacher, d.student}) {
    QVERIFY(f.parameters > 0);
    QVERIFY(f.weightBytes >= 4 * f.parameters);
    QVERIFY(f.fileBytes > 0);
    QVERIFY(f.latencyMs > 0);
  }
  QCOMPARE(d.student.parameters, report.student.parameters);
  QCOMPARE(d.teacher.macs, report.teacher.macs);
  embeddingMapsOfARealRun(tmp.path());
}

// The run records its models' retrieval and CKA in summary.json (the inspection reads them);
// an inspection of a summary without them (as runs before them wrote) computes the same.
void TestInspection::figuresRecordedAtTheRunsEnd(const QString& runDir, const RunReport& report,
                                                 const RepresentationReport& read) {
  const RunRepresentation& run = report.representation;
  QVERIFY(run.known);
  QVERIFY(run.teacher.has_value());
  QCOMPARE(run.images, int64_t(10000));
  QCOMPARE(run.similarityImages, int64_t(1000));
  QCOMPARE(run.student.queries, int64_t(10000));
  QCOMPARE(read.student.meanAveragePrecision, run.student.meanAveragePrecision);
  QCOMPARE(read.layerSimilarity, run.layerSimilarity);
  const QString file = runDir + "/summary.json";
  QFile summary(file);
  QVERIFY(summary.open(QIODevice::ReadOnly));
  const QByteArray recorded = summary.readAll();
  summary.close();
  QJsonObject stripped = QJsonDocument::fromJson(recorded).object();
  QVERIFY(stripped.contains("representation"));
  stripped.remove("representation");
  QVERIFY(summary.open(QIODevice::WriteOnly | QIODevice::Truncate));
  summary.write(QJsonDocument(stripped).toJson());
  summary.close();
  {
    RunInspector fresh(runDir.toStdString());
    QVERIFY(!fresh.summary().representation.known);
    const RepresentationReport& computed = fresh.representation();
    const auto near = [](double a, double b) { return std::abs(a - b) < 1e-6; };
    for (auto [mine, theirs] :
         {std::pair{computed.teacher, *run.teacher}, std::pair{computed.student, run.student}}) {
      QVERIFY(near(mine.recallAt1, theirs.recallAt1));
      QVERIFY(near(mine.recallAt5, theirs.recallAt5));
      QVERIFY2(near(mine.meanAveragePrecision, theirs.meanAveragePrecision),
               qPrintable(QString("%1 against %2")
                              .arg(mine.meanAveragePrecision)
                              .arg(theirs.meanAveragePrecision)));
    }
    QCOMPARE(computed.layerSimilarity.size(), run.layerSimilarity.size());
    for (size_t i = 0; i < run.layerSimilarity.size(); ++i)
      for (size_t j = 0; j < run.layerSimilarity[i].size(); ++j)
        QVERIFY(near(computed.layerSimilarity[i][j], run.layerSimilarity[i][j]));
  }
  QVERIFY(summary.open(QIODevice::WriteOnly | QIODevice::Truncate));
  summary.write(recorded);
}

// The run's folder given a baseline (its own student again, so the two maps must agree).
void TestInspection::embeddingMapsOfARealRun(const QString& runDir) {
  QVERIFY(QDir(runDir).mkdir("baseline"));
  QVERIFY(QFile::copy(runDir + "/student.ckpt", runDir + "/baseline/student.ckpt"));
  RunInspector inspector(runDir.toStdString());
  const Predictions& d = inspector.data();
  QCOMPARE(inspector.embeddedModels(),
           (std::vector<InspectedModel>{InspectedModel::kTeacher, InspectedModel::kStudent,
                                        InspectedModel::kBaseline}));
  // The baseline's figures join the report; its network is the student's, so they agree.
  const RepresentationReport& r = inspector.representation();
  QVERIFY(r.baselineKnown);
  QCOMPARE(r.baseline.meanAveragePrecision, r.student.meanAveragePrecision);
  QCOMPARE(r.baselineSimilarity, r.layerSimilarity);
  EmbeddingMapRequest request;
  request.projection = MapProjection::kPca;
  request.images = 500;
  request.seed = 3;
  const EmbeddingMaps maps = inspector.embeddingMaps(request);
  QCOMPARE(maps.images.size(), size_t(500));
  QVERIFY(std::is_sorted(maps.images.begin(), maps.images.end()));
  QCOMPARE(std::set<int64_t>(maps.images.begin(), maps.images.end()).size(), size_t(500));
  QVERIFY(maps.images.front() >= 0 && maps.images.back() < d.count);
  QCOMPARE(maps.maps.size(), size_t(3));
  for (size_t i = 0; i < maps.images.size(); ++i) {
    const int64_t image = maps.images[i];
    QCOMPARE(maps.labels[i], d.labels[size_t(image)]);
    QCOMPARE(maps.maps[0].predictions[i], d.topClass(Role::kTeacher, image));
    QCOMPARE(maps.maps[1].predictions[i], d.topClass(Role::kStudent, image));
  }
  QVERIFY(maps.maps[1].predictions == maps.maps[2].predictions);
  for (size_t i = 0; i < 500; ++i) {  // the same network: the same aligned map
    QVERIFY(std::abs(maps.maps[1].x[i] - maps.maps[2].x[i]) < 1e-3f);
    QVERIFY(std::abs(maps.maps[1].y[i] - maps.maps[2].y[i]) < 1e-3f);
  }
  QVERIFY(maps.maps[0].x != maps.maps[1].x);
  // Seeded: the same request draws the same images and maps; another seed other images.
  const EmbeddingMaps again = inspector.embeddingMaps(request);
  QVERIFY(again.images == maps.images && again.maps[1].x == maps.maps[1].x);
  request.seed = 4;
  QVERIFY(inspector.embeddingMaps(request).images != maps.images);
  request.images = 0;
  QCOMPARE(inspector.embeddingMaps(request).images.size(), size_t(d.count));

  // The student's epochs replayed on the probe set: a map per recorded epoch, the last (this
  // one-epoch run's final student) on the final map, the first (before training) elsewhere.
  request.studentEpochs = true;
  const EmbeddingMaps replay = inspector.embeddingMaps(request);
  QCOMPARE(replay.images.size(), size_t(kProbeImages));
  QCOMPARE(replay.images.back(), kProbeImages - 1);
  QCOMPARE(inspector.probes().size(), size_t(2));
  QCOMPARE(replay.epochs, (std::vector<int>{0, 1}));
  QCOMPARE(replay.studentEpochs.size(), size_t(2));
  const EmbeddingMap& final = replay.maps[1];
  const EmbeddingMap& lastEpoch = replay.studentEpochs[1];
  QVERIFY(lastEpoch.predictions == final.predictions);
  const auto [lowX, highX] = std::minmax_element(final.x.begin(), final.x.end());
  double farthest = 0, before = 0;
  for (size_t i = 0; i < replay.images.size(); ++i) {
    farthest = std::max(
        farthest, double(std::hypot(lastEpoch.x[i] - final.x[i], lastEpoch.y[i] - final.y[i])));
    before += std::hypot(replay.studentEpochs[0].x[i] - final.x[i],
                         replay.studentEpochs[0].y[i] - final.y[i]);
  }
  const double range = *highX - *lowX;
  QVERIFY2(farthest < 0.02 * range, qPrintable(QString("%1 of %2").arg(farthest).arg(range)));
  QVERIFY(before / double(replay.images.size()) > 0.05 * range);
  request.studentEpochs = false;

  // t-SNE: a map per model of the images PCA drew, finite; it reports its iterations over all
  // three maps and stops when asked.
  request.projection = MapProjection::kTsne;
  request.images = 200;
  const EmbeddingMaps tsne = inspector.embeddingMaps(request);
  QCOMPARE(tsne.maps.size(), size_t(3));
  for (const EmbeddingMap& map : tsne.maps) {
    QCOMPARE(map.x.size(), size_t(200));
    QVERIFY(std::all_of(map.y.begin(), map.y.end(), [](float v) { return std::isfinite(v); }));
  }
  int last = 0, total = 0;
  QVERIFY_THROWS_EXCEPTION(RunCancelled, inspector.embeddingMaps(request, [&](int done, int of) {
    last = done;
    total = of;
    return done < 1500;
  }));
  QCOMPARE(last, 1500);
  QCOMPARE(total, 3000);

  // The CSV holds a row per model and image, as the maps.
  const QString csv = runDir + "/maps.csv";
  writeEmbeddingMapsCsv(maps, csv.toStdString());
  QFile file(csv);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QStringList rows = QString(file.readAll()).trimmed().split('\n');
  QCOMPARE(rows.size(), 1 + 3 * 500);
  QCOMPARE(rows[0], QString("model,index,x,y,label,prediction"));
  const QStringList first = rows[1].split(',');
  QCOMPARE(first[0], QString("teacher"));
  QCOMPARE(first[1].toLongLong(), maps.images[0]);
  QVERIFY(std::abs(first[2].toFloat() - maps.maps[0].x[0]) <
          1e-4f * std::abs(maps.maps[0].x[0]) + 1e-4f);
  QCOMPARE(rows[1001].split(',')[0], QString("baseline"));
  QVERIFY(!QFileInfo::exists(csv + ".tmp"));
}

// The run keeps the teacher's test logits (teacher_test.f32); the inspector takes them instead
// of running the teacher again, unless their first rows differ from what the teacher computes.
void TestInspection::teacherLogitsAreReadBackWhileTheyAreThisTeachers() {
  QTemporaryDir tmp;
  TrainingObserver quiet;
  shortRun(tmp.path(), quiet);
  const QString file = tmp.path() + "/teacher_test.f32";
  const std::vector<float> written = readFloats(file);
  QCOMPARE(written.size(), size_t(10000 * 10));
  QVERIFY(RunInspector(tmp.path().toStdString()).data().teacherLogits == written);

  // A last row changed: read from the file, so the change shows.
  std::vector<float> edited = written;
  edited.back() += 100;
  writeFloats(file, edited);
  QCOMPARE(RunInspector(tmp.path().toStdString()).data().teacherLogits.back(), edited.back());

  // A first row changed as well (another teacher's file), or a truncated file: computed again.
  edited.front() += 100;
  writeFloats(file, edited);
  std::vector<float> computed = RunInspector(tmp.path().toStdString()).data().teacherLogits;
  QCOMPARE(computed.size(), written.size());
  for (size_t i = 0; i < computed.size(); i += 997)
    QVERIFY(std::abs(computed[i] - written[i]) < 1e-4f);
  QVERIFY(std::abs(computed.back() - written.back()) < 1e-4f);
  writeFloats(file, {1, 2, 3});
  QCOMPARE(RunInspector(tmp.path().toStdString()).data().teacherLogits.size(), written.size());
}

void TestInspection::missingRunIsRefused() {
  try {
    RunInspector inspector("/nonexistent/run");
    QFAIL("a missing run folder was accepted");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("holds no finished run"), e.what());
  }
}

QTEST_GUILESS_MAIN(TestInspection)
#include "tst_inspection.moc"
