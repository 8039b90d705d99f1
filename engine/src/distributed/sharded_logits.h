#pragma once
// Evaluation split over the ranks of a data-parallel run.
#include "distributed/data_parallel.h"
#include "eval/evaluator.h"

namespace kd {

// computeLogits over every rank: each computes the rows of its share of `data`, and every rank
// gets all rows, in order. Without a group (nullptr), computeLogits itself.
torch::Tensor computeLogitsOfAll(const LogitsFn& model, const Dataset& data,
                                 const InputPipeline& pipeline, RunControl* control,
                                 DataParallel* group);

}  // namespace kd
