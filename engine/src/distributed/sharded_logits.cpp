#include "distributed/sharded_logits.h"

namespace kd {

torch::Tensor computeLogitsOfAll(const LogitsFn& model, const Dataset& data,
                                 const InputPipeline& pipeline, RunControl* control,
                                 DataParallel* group) {
  if (!group) return computeLogits(model, data, pipeline, control);
  auto [begin, end] = group->share(data.size());
  const Dataset mine{data.images.narrow(0, begin, end - begin),
                     data.labels.narrow(0, begin, end - begin), data.classes};
  return group->gatherRows(computeLogits(model, mine, pipeline, control), data.size(),
                           "gathering logits");
}

}  // namespace kd
