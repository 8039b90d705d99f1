<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>kd::EngineText</name>
    <message>
        <source>  ... and %1 more (all in summary.json)</source>
        <translation>  …… 另有 %1 个（全部列在 summary.json 中）</translation>
    </message>
    <message>
        <source>  mapped by order and shape: %1</source>
        <translation>  按顺序和形状对应：%1</translation>
    </message>
    <message>
        <source>%1 (test set)</source>
        <translation>%1（测试集）</translation>
    </message>
    <message>
        <source>%1 (training set)</source>
        <translation>%1（训练集）</translation>
    </message>
    <message>
        <source>%1 already holds a sweep: resume it (--resume, or File &gt; Open a sweep) or choose another folder</source>
        <translation>%1 中已有一个扫描：请继续它（--resume，或“文件 &gt; 打开扫描”），或选择另一个文件夹</translation>
    </message>
    <message>
        <source>%1 batch size must be at least 1</source>
        <translation>%1的批大小必须至少为 1</translation>
    </message>
    <message>
        <source>%1 does not fit the architecture &quot;%2&quot; by name nor by order and shape. Expected %3. Found %4.</source>
        <translation>%1 与架构“%2”既不按名称对应，也不按顺序和形状对应。应为 %3。实际为 %4。</translation>
    </message>
    <message>
        <source>%1 epochs must be at least 1</source>
        <translation>%1的训练轮数必须至少为 1</translation>
    </message>
    <message>
        <source>%1 has a damaged header: %2</source>
        <translation>%1 的文件头已损坏：%2</translation>
    </message>
    <message>
        <source>%1 has no data.pkl: it is no torch.save file</source>
        <translation>%1 中没有 data.pkl：它不是 torch.save 保存的文件</translation>
    </message>
    <message>
        <source>%1 has no record %2</source>
        <translation>%1 中没有记录 %2</translation>
    </message>
    <message>
        <source>%1 has the wrong type: %2</source>
        <translation>%1 的类型不对：%2</translation>
    </message>
    <message>
        <source>%1 holds %2 bytes of pixels, but its header announces %3 images of %4x%5 (%6 bytes)</source>
        <translation>%1 含有 %2 字节的像素，但其文件头声明了 %3 张 %4x%5 的图像（%6 字节）</translation>
    </message>
    <message>
        <source>%1 holds %2 labels, but its header announces %3</source>
        <translation>%1 含有 %2 个标签，但其文件头声明了 %3 个</translation>
    </message>
    <message>
        <source>%1 holds a %2, not a state_dict</source>
        <translation>%1 中是一个 %2，而不是 state_dict</translation>
    </message>
    <message>
        <source>%1 holds a different sweep (its sweep.json differs from this one)</source>
        <translation>%1 中是另一个扫描（其 sweep.json 与本扫描不同）</translation>
    </message>
    <message>
        <source>%1 holds an empty state_dict</source>
        <translation>%1 中的 state_dict 是空的</translation>
    </message>
    <message>
        <source>%1 holds no finished run (student.ckpt is missing)</source>
        <translation>%1 中没有已完成的运行（缺少 student.ckpt）</translation>
    </message>
    <message>
        <source>%1 holds no images</source>
        <translation>%1 中没有图像</translation>
    </message>
    <message>
        <source>%1 holds no optimiser state, so its run cannot be resumed</source>
        <translation>%1 中没有优化器状态，因此其运行无法继续</translation>
    </message>
    <message>
        <source>%1 is a zip64 archive (over 4 GiB), which the workbench does not read</source>
        <translation>%1 是 zip64 压缩包（超过 4 GiB），本工作台不读取这种文件</translation>
    </message>
    <message>
        <source>%1 is corrupt or truncated (%2)</source>
        <translation>%1 已损坏或不完整（%2）</translation>
    </message>
    <message>
        <source>%1 is damaged: %2</source>
        <translation>%1 已损坏：%2</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 是空的</translation>
    </message>
    <message>
        <source>%1 is neither a KD Workbench checkpoint, a TorchScript module nor a PyTorch state_dict</source>
        <translation>%1 既不是 KD Workbench 检查点，也不是 TorchScript 模块或 PyTorch state_dict</translation>
    </message>
    <message>
        <source>%1 is not a CIFAR binary file: %2 bytes is not a whole number of %3-byte records</source>
        <translation>%1 不是 CIFAR 二进制文件：%2 字节不是 %3 字节记录的整数倍</translation>
    </message>
    <message>
        <source>%1 is not a KD Workbench checkpoint</source>
        <translation>%1 不是 KD Workbench 检查点</translation>
    </message>
    <message>
        <source>%1 is not a KD Workbench checkpoint (it cannot be read as one)</source>
        <translation>%1 不是 KD Workbench 检查点（无法按检查点读取）</translation>
    </message>
    <message>
        <source>%1 is not a KD Workbench checkpoint (no header)</source>
        <translation>%1 不是 KD Workbench 检查点（没有文件头）</translation>
    </message>
    <message>
        <source>%1 is not a readable PyTorch zip archive, it may be truncated (%2)</source>
        <translation>%1 不是可读取的 PyTorch zip 压缩包，可能不完整（%2）</translation>
    </message>
    <message>
        <source>%1 is not a run&apos;s summary</source>
        <translation>%1 不是运行摘要</translation>
    </message>
    <message>
        <source>%1 is not a sweep folder (no sweep.json)</source>
        <translation>%1 不是扫描文件夹（没有 sweep.json）</translation>
    </message>
    <message>
        <source>%1 is not an IDX image file (expected magic 0x00000803)</source>
        <translation>%1 不是 IDX 图像文件（应以魔数 0x00000803 开头）</translation>
    </message>
    <message>
        <source>%1 is not an IDX label file (expected magic 0x00000801)</source>
        <translation>%1 不是 IDX 标签文件（应以魔数 0x00000801 开头）</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>%1 lacks %2 for its own architecture: the file is damaged</source>
        <translation>%1 缺少其自身架构所需的 %2：文件已损坏</translation>
    </message>
    <message>
        <source>%1 learning rate must be a positive number</source>
        <translation>%1的学习率必须是正数</translation>
    </message>
    <message>
        <source>%1 momentum must be in [0, 1)</source>
        <translation>%1的动量必须在 [0, 1) 之内</translation>
    </message>
    <message>
        <source>%1 must be %2, not &quot;%3&quot;</source>
        <translation>%1 必须是 %2，而不是“%3”</translation>
    </message>
    <message>
        <source>%1 must be a JSON object</source>
        <translation>%1 必须是 JSON 对象</translation>
    </message>
    <message>
        <source>%1 must be a number or null</source>
        <translation>%1 必须是数字或 null</translation>
    </message>
    <message>
        <source>%1 must be an object of settings</source>
        <translation>%1 必须是由设置组成的对象</translation>
    </message>
    <message>
        <source>%1 needs about %2 of memory, but only %3 is available</source>
        <translation>%1 需要约 %2 内存，但只有 %3 可用</translation>
    </message>
    <message>
        <source>%1 shrinks the image below 1x1 (input %2x%3): remove a pooling or stride</source>
        <translation>%1 把图像缩小到 1x1 以下（输入 %2x%3）：请去掉一个池化或步长</translation>
    </message>
    <message>
        <source>%1 step schedule needs step_epochs &gt;= 1 and step_gamma &gt; 0</source>
        <translation>%1的阶梯调度需要 step_epochs &gt;= 1 且 step_gamma &gt; 0</translation>
    </message>
    <message>
        <source>%1 weight decay must be &gt;= 0</source>
        <translation>%1的权重衰减必须 &gt;= 0</translation>
    </message>
    <message>
        <source>%1&apos;s header</source>
        <translation>%1 的文件头</translation>
    </message>
    <message>
        <source>%1: %2 (data.pkl byte %3)</source>
        <translation>%1：%2（data.pkl 第 %3 字节）</translation>
    </message>
    <message>
        <source>%1: %2 has shape %3, expected %4</source>
        <translation>%1：%2 的形状为 %3，应为 %4</translation>
    </message>
    <message>
        <source>%1: %2 images but %3 labels</source>
        <translation>%1：%2 张图像，但有 %3 个标签</translation>
    </message>
    <message>
        <source>%1: a persistent id is not a storage reference</source>
        <translation>%1：某个持久 ID 不是存储引用</translation>
    </message>
    <message>
        <source>%1: a state_dict key is not a string</source>
        <translation>%1：state_dict 的某个键不是字符串</translation>
    </message>
    <message>
        <source>%1: channels must be &gt;= 1, the kernel odd and &gt;= 1, the stride &gt;= 1</source>
        <translation>%1：通道数必须 &gt;= 1，卷积核为奇数且 &gt;= 1，步长 &gt;= 1</translation>
    </message>
    <message>
        <source>%1: entry &quot;%2&quot; is a %3, not a tensor</source>
        <translation>%1：条目“%2”是 %3，而不是张量</translation>
    </message>
    <message>
        <source>%1: give seeds as the sweep&apos;s &quot;seeds&quot; list</source>
        <translation>%1：请把种子写在扫描的“seeds”列表中</translation>
    </message>
    <message>
        <source>%1: implausible image size %2x%3</source>
        <translation>%1：图像尺寸 %2x%3 不合理</translation>
    </message>
    <message>
        <source>%1: label %2 is out of range for %3 classes</source>
        <translation>%1：标签 %2 超出了 %3 个类别的范围</translation>
    </message>
    <message>
        <source>%1: record %2 holds %3 bytes, more than the limit of %4</source>
        <translation>%1：记录 %2 有 %3 字节，超过了上限 %4</translation>
    </message>
    <message>
        <source>%1: record %2 is compressed; torch.save stores its records uncompressed</source>
        <translation>%1：记录 %2 是压缩的；torch.save 保存的记录不压缩</translation>
    </message>
    <message>
        <source>%1: storage %2 has no record %3</source>
        <translation>%1：存储 %2 没有记录 %3</translation>
    </message>
    <message>
        <source>%1: storage %2 needs %3 elements of %4 bytes, but its record %5 holds %6 bytes</source>
        <translation>%1：存储 %2 需要 %3 个 %4 字节的元素，但其记录 %5 只有 %6 字节</translation>
    </message>
    <message>
        <source>%1: the input shape must have 3 numbers</source>
        <translation>%1：输入形状必须有 3 个数</translation>
    </message>
    <message>
        <source>%1: the optimiser state does not fit this optimiser (%2)</source>
        <translation>%1：优化器状态与该优化器不符（%2）</translation>
    </message>
    <message>
        <source>%1: width must be &gt;= 1</source>
        <translation>%1：宽度必须 &gt;= 1</translation>
    </message>
    <message>
        <source>BUILD on a %1</source>
        <translation>对 %1 执行 BUILD</translation>
    </message>
    <message>
        <source>CUDA device %1 does not exist (%2 present)</source>
        <translation>CUDA 设备 %1 不存在（现有 %2 个）</translation>
    </message>
    <message>
        <source>Grad-CAM needs a workbench model; this teacher is a TorchScript module</source>
        <translation>Grad-CAM 需要工作台自己的模型；该教师是 TorchScript 模块</translation>
    </message>
    <message>
        <source>Grad-CAM needs convolution layers; &quot;%1&quot; has none</source>
        <translation>Grad-CAM 需要卷积层；“%1”没有卷积层</translation>
    </message>
    <message>
        <source>NaN</source>
        <translation>NaN</translation>
    </message>
    <message>
        <source>OrderedDict is built with arguments</source>
        <translation>OrderedDict 带参数构建</translation>
    </message>
    <message>
        <source>REDUCE needs a global and a tuple</source>
        <translation>REDUCE 需要一个全局名和一个元组</translation>
    </message>
    <message>
        <source>SETITEMS has an odd number of items</source>
        <translation>SETITEMS 的项数为奇数</translation>
    </message>
    <message>
        <source>STACK_GLOBAL needs two strings</source>
        <translation>STACK_GLOBAL 需要两个字符串</translation>
    </message>
    <message>
        <source>_rebuild_tensor_v2 got arguments of the wrong kind</source>
        <translation>_rebuild_tensor_v2 的参数类型不对</translation>
    </message>
    <message>
        <source>a &quot;list&quot; entry</source>
        <translation>“list”中的一项</translation>
    </message>
    <message>
        <source>a %1</source>
        <translation>一个 %1</translation>
    </message>
    <message>
        <source>a classifier needs at least 2 classes</source>
        <translation>分类器至少需要 2 个类别</translation>
    </message>
    <message>
        <source>a damaged central directory entry</source>
        <translation>中央目录的某一项已损坏</translation>
    </message>
    <message>
        <source>a data-parallel run needs RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT; the environment sets %1 but not %2 (start kdtrain with torchrun, or set all five)</source>
        <translation>数据并行运行需要 RANK、WORLD_SIZE、LOCAL_RANK、MASTER_ADDR 和 MASTER_PORT；环境中设置了 %1，但没有 %2（请用 torchrun 启动 kdtrain，或设置全部五个）</translation>
    </message>
    <message>
        <source>a data-parallel run of %1 processes needs at least as many training and test images</source>
        <translation>%1 个进程的数据并行运行至少需要同样多的训练图像和测试图像</translation>
    </message>
    <message>
        <source>a data-parallel run on CUDA devices needs NCCL, and this kdtrain was built without it (configure with -DKD_WITH_NCCL=ON against a CUDA LibTorch), or run with --device cpu</source>
        <translation>在 CUDA 设备上数据并行运行需要 NCCL，而此 kdtrain 构建时没有它（请针对 CUDA 版 LibTorch 以 -DKD_WITH_NCCL=ON 配置），或用 --device cpu 运行</translation>
    </message>
    <message>
        <source>a distributed job needs at least one node and one process per node</source>
        <translation>分布式作业至少需要一个节点、每个节点一个进程</translation>
    </message>
    <message>
        <source>a header reaches past its end</source>
        <translation>某个文件头超出了文件末尾</translation>
    </message>
    <message>
        <source>a tensor of shape %1</source>
        <translation>一个形状为 %1 的张量</translation>
    </message>
    <message>
        <source>a tensor of shape %1 at offset %2 reaches past its storage of %3 elements</source>
        <translation>偏移 %2 处形状为 %1 的张量超出了其 %3 个元素的存储</translation>
    </message>
    <message>
        <source>alpha must be in [0, 1], not %1</source>
        <translation>alpha 必须在 [0, 1] 之内，而不是 %1</translation>
    </message>
    <message>
        <source>an architecture must be a JSON object</source>
        <translation>架构必须是 JSON 对象</translation>
    </message>
    <message>
        <source>an integer wider than 64 bits</source>
        <translation>一个超过 64 位的整数</translation>
    </message>
    <message>
        <source>arch.convs must be an array</source>
        <translation>arch.convs 必须是数组</translation>
    </message>
    <message>
        <source>caching the teacher&apos;s logits for %1 training images</source>
        <translation>正在缓存教师对 %1 张训练图像的 logits</translation>
    </message>
    <message>
        <source>cannot create the job folder %1 (%2)</source>
        <translation>无法创建作业文件夹 %1（%2）</translation>
    </message>
    <message>
        <source>cannot create the run folder %1 (%2)</source>
        <translation>无法创建运行文件夹 %1（%2）</translation>
    </message>
    <message>
        <source>cannot create the sweep folder %1 (%2)</source>
        <translation>无法创建扫描文件夹 %1（%2）</translation>
    </message>
    <message>
        <source>cannot open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>cannot open %1 %2</source>
        <translation>无法打开%1 %2</translation>
    </message>
    <message>
        <source>cannot read the image folder %1: this build of KD Workbench has no OpenCV (configure with -DKD_WITH_OPENCV=ON)</source>
        <translation>无法读取图像文件夹 %1：此版本的 KD Workbench 构建时没有 OpenCV（请以 -DKD_WITH_OPENCV=ON 配置）</translation>
    </message>
    <message>
        <source>cannot write %1 (%2); is the folder writable and the disk not full?</source>
        <translation>无法写入 %1（%2）；文件夹是否可写、磁盘是否已满？</translation>
    </message>
    <message>
        <source>checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>class %1 does not exist</source>
        <translation>类别 %1 不存在</translation>
    </message>
    <message>
        <source>could not join the data-parallel group of %1 processes at %2 within %3 s (%4): check that all of them started, with the same WORLD_SIZE, MASTER_ADDR and MASTER_PORT</source>
        <translation>无法在 %3 秒内加入位于 %2 的 %1 个进程的数据并行组（%4）：请检查它们是否都已启动，且 WORLD_SIZE、MASTER_ADDR 和 MASTER_PORT 相同</translation>
    </message>
    <message>
        <source>device &quot;%1&quot; asked for, but this LibTorch sees no CUDA device</source>
        <translation>要求使用设备“%1”，但此 LibTorch 看不到任何 CUDA 设备</translation>
    </message>
    <message>
        <source>distilling into the student &quot;%1&quot;</source>
        <translation>正在蒸馏到学生“%1”</translation>
    </message>
    <message>
        <source>dropout must be in [0, 1), not %1</source>
        <translation>dropout 必须在 [0, 1) 之内，而不是 %1</translation>
    </message>
    <message>
        <source>each entry of arch.convs must be an object</source>
        <translation>arch.convs 的每一项都必须是对象</translation>
    </message>
    <message>
        <source>every class is hidden</source>
        <translation>所有类别都被隐藏了</translation>
    </message>
    <message>
        <source>grid setting &quot;%1&quot; needs a non-empty array of values</source>
        <translation>网格设置“%1”需要一个非空的取值数组</translation>
    </message>
    <message>
        <source>hidden class %1 does not exist (the dataset has %2 classes)</source>
        <translation>隐藏类别 %1 不存在（数据集有 %2 个类别）</translation>
    </message>
    <message>
        <source>image_size must be between 4 and 512</source>
        <translation>image_size 必须在 4 到 512 之间</translation>
    </message>
    <message>
        <source>infinite</source>
        <translation>无穷大</translation>
    </message>
    <message>
        <source>it appends to a %1</source>
        <translation>它向 %1 追加内容</translation>
    </message>
    <message>
        <source>it builds more than %1 values, the limit for a state_dict</source>
        <translation>它构建了超过 %1 个值，这是 state_dict 的上限</translation>
    </message>
    <message>
        <source>it calls %1</source>
        <translation>它调用了 %1</translation>
    </message>
    <message>
        <source>it nests values deeper than %1 levels, the limit for a state_dict</source>
        <translation>它的值嵌套超过 %1 层，这是 state_dict 的上限</translation>
    </message>
    <message>
        <source>it refers to %1, which a state_dict of tensors does not contain</source>
        <translation>它引用了 %1，而张量的 state_dict 中不会有这个</translation>
    </message>
    <message>
        <source>it refers to memo entry %1, never stored</source>
        <translation>它引用了从未存入的备忘项 %1</translation>
    </message>
    <message>
        <source>it sets items on a %1</source>
        <translation>它在 %1 上设置条目</translation>
    </message>
    <message>
        <source>its tensors declare more than %1 elements, the limit (a tensor of shape %2)</source>
        <translation>它的张量声明了超过 %1 个元素，超出上限（一个形状为 %2 的张量）</translation>
    </message>
    <message>
        <source>limit_train must be &gt;= 0 (0: no limit)</source>
        <translation>limit_train 必须 &gt;= 0（0：不限）</translation>
    </message>
    <message>
        <source>lost the other processes of the data-parallel run while %1 (%2): a process died or stopped answering within %3 s. The run stopped; resume every rank from its last checkpoint with --resume</source>
        <translation>在%1时与数据并行运行的其他进程失去联系（%2）：有进程终止或在 %3 秒内没有响应。运行已停止；请用 --resume 从各自最后的检查点继续每个 rank</translation>
    </message>
    <message>
        <source>missing dataset file %1</source>
        <translation>缺少数据集文件 %1</translation>
    </message>
    <message>
        <source>no end-of-archive record</source>
        <translation>没有压缩包结束记录</translation>
    </message>
    <message>
        <source>out of memory while %1 (%2 available): use a smaller dataset, image size, batch or model</source>
        <translation>%1时内存不足（可用 %2）：请使用更小的数据集、图像尺寸、批大小或模型</translation>
    </message>
    <message>
        <source>pool must be none, max or avg, not &quot;%1&quot;</source>
        <translation>pool 必须是 none、max 或 avg，而不是“%1”</translation>
    </message>
    <message>
        <source>reading the dataset</source>
        <translation>读取数据集</translation>
    </message>
    <message>
        <source>record %1 has no local header</source>
        <translation>记录 %1 没有本地文件头</translation>
    </message>
    <message>
        <source>record %1 reaches past the records&apos; end</source>
        <translation>记录 %1 超出了记录区的末尾</translation>
    </message>
    <message>
        <source>running the experiment</source>
        <translation>运行实验</translation>
    </message>
    <message>
        <source>setting &quot;%1&quot; is both in the list and in the grid</source>
        <translation>设置“%1”同时出现在 list 和 grid 中</translation>
    </message>
    <message>
        <source>shorter than a zip&apos;s end record</source>
        <translation>比 zip 的结束记录还短</translation>
    </message>
    <message>
        <source>skipped %1 dataset files that could not be used:</source>
        <translation>跳过了 %1 个无法使用的数据集文件：</translation>
    </message>
    <message>
        <source>student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>sweep point %1: %2</source>
        <translation>扫描点 %1：%2</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>teacher test accuracy %1</source>
        <translation>教师测试准确率 %1</translation>
    </message>
    <message>
        <source>teacher: %1 (%2)</source>
        <translation>教师：%1（%2）</translation>
    </message>
    <message>
        <source>test image %1 does not exist</source>
        <translation>测试图像 %1 不存在</translation>
    </message>
    <message>
        <source>test_fraction must be in (0, 1)</source>
        <translation>test_fraction 必须在 (0, 1) 之内</translation>
    </message>
    <message>
        <source>the %1&apos;s loss became %2 in epoch %3 (batch %4); training stopped and the last good checkpoint is kept. Try a lower learning rate.</source>
        <translation>%1的损失在第 %3 轮（第 %4 批）变为 %2；训练已停止，最后一个正常的检查点被保留。请尝试更低的学习率。</translation>
    </message>
    <message>
        <source>the %1&apos;s weights hold NaN or infinite values after epoch %2 (in %3); training stopped and the last good checkpoint is kept. Try a lower learning rate.</source>
        <translation>第 %2 轮后%1的权重中出现 NaN 或无穷大（在 %3 中）；训练已停止，最后一个正常的检查点被保留。请尝试更低的学习率。</translation>
    </message>
    <message>
        <source>the TorchScript teacher %1 fails on a %2 batch of this dataset: %3</source>
        <translation>TorchScript 教师 %1 在本数据集形状为 %2 的批次上出错：%3</translation>
    </message>
    <message>
        <source>the TorchScript teacher %1 returns %2 for a %3 batch; expected logits of shape %4</source>
        <translation>TorchScript 教师 %1 对形状为 %3 的批次返回了%2；应返回形状为 %4 的 logits</translation>
    </message>
    <message>
        <source>the architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>the batch size %1 does not split evenly over %2 processes: choose a multiple of %2</source>
        <translation>批大小 %1 不能平均分给 %2 个进程：请选择 %2 的倍数</translation>
    </message>
    <message>
        <source>the batch size %1 is the global batch of all %2 processes and must split evenly over them: choose a multiple of %2</source>
        <translation>批大小 %1 是全部 %2 个进程的全局批大小，必须能平均分给它们：请选择 %2 的倍数</translation>
    </message>
    <message>
        <source>the built-in teacher %1 is not installed (looked for %2 in %3); set KD_RESOURCES to the workbench&apos;s resources folder</source>
        <translation>内置教师 %1 未安装（在 %3 中查找了 %2）；请把 KD_RESOURCES 设为工作台的资源文件夹</translation>
    </message>
    <message>
        <source>the central directory lies outside the file</source>
        <translation>中央目录位于文件之外</translation>
    </message>
    <message>
        <source>the checkpoint %1 does not exist</source>
        <translation>检查点 %1 不存在</translation>
    </message>
    <message>
        <source>the checkpoint %1 holds a %2 of architecture &quot;%3&quot;, but the experiment asks for &quot;%4&quot;</source>
        <translation>检查点 %1 中是架构为“%3”的%2，但实验要求“%4”</translation>
    </message>
    <message>
        <source>the checkpoint %1 was trained on other data (%2 classes, %3) than this experiment&apos;s dataset</source>
        <translation>检查点 %1 训练所用的数据（%2 个类别，%3）与本实验的数据集不同</translation>
    </message>
    <message>
        <source>the checkpoint %1 was written by a run of %2 process(es); resume it with %2, not %3 (the data order and batch split depend on it)</source>
        <translation>检查点 %1 由 %2 个进程的运行写出；请用 %2 个而不是 %3 个进程继续（数据顺序和批次划分取决于它）</translation>
    </message>
    <message>
        <source>the class folder %1 has no readable image (%2 skipped; the first: %3)</source>
        <translation>类别文件夹 %1 中没有可读取的图像（跳过 %2 个；第一个：%3）</translation>
    </message>
    <message>
        <source>the dataset has too few images to split off a test set</source>
        <translation>数据集的图像太少，无法分出测试集</translation>
    </message>
    <message>
        <source>the dataset of %1 has changed since the run</source>
        <translation>%1 的数据集在运行之后已改变</translation>
    </message>
    <message>
        <source>the dataset source &quot;%1&quot; needs a folder after the colon</source>
        <translation>数据集来源“%1”需要在冒号后给出文件夹</translation>
    </message>
    <message>
        <source>the experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>the experiment file</source>
        <translation>实验文件</translation>
    </message>
    <message>
        <source>the experiment must be a JSON object</source>
        <translation>实验必须是 JSON 对象</translation>
    </message>
    <message>
        <source>the image folder %1 (%2 images)</source>
        <translation>图像文件夹 %1（%2 张图像）</translation>
    </message>
    <message>
        <source>the image folder %1 does not exist</source>
        <translation>图像文件夹 %1 不存在</translation>
    </message>
    <message>
        <source>the image folder %1 needs at least two sub-folders with images (one per class); found %2</source>
        <translation>图像文件夹 %1 至少需要两个含图像的子文件夹（每个类别一个）；只找到 %2 个</translation>
    </message>
    <message>
        <source>the input shape must be positive</source>
        <translation>输入形状必须为正</translation>
    </message>
    <message>
        <source>the launcher set %1=%2, which is not a whole number from %3 to %4</source>
        <translation>启动器设置了 %1=%2，它不是 %3 到 %4 之间的整数</translation>
    </message>
    <message>
        <source>the master port must be from 1 to 65535</source>
        <translation>主端口必须在 1 到 65535 之间</translation>
    </message>
    <message>
        <source>the pickle closes a mark it never opened</source>
        <translation>pickle 关闭了一个从未打开的标记</translation>
    </message>
    <message>
        <source>the pickle ends early</source>
        <translation>pickle 提前结束</translation>
    </message>
    <message>
        <source>the pickle pops an empty stack</source>
        <translation>pickle 从空栈中弹出</translation>
    </message>
    <message>
        <source>the pickle uses an empty stack</source>
        <translation>pickle 使用了空栈</translation>
    </message>
    <message>
        <source>the run summary</source>
        <translation>运行摘要</translation>
    </message>
    <message>
        <source>the sweep file</source>
        <translation>扫描文件</translation>
    </message>
    <message>
        <source>the sweep is not valid JSON: %1</source>
        <translation>扫描不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>the sweep must be a JSON object</source>
        <translation>扫描必须是 JSON 对象</translation>
    </message>
    <message>
        <source>the sweep&apos;s &quot;baseline&quot; must be true or false</source>
        <translation>扫描的“baseline”必须是 true 或 false</translation>
    </message>
    <message>
        <source>the sweep&apos;s &quot;list&quot; must be an array of objects</source>
        <translation>扫描的“list”必须是由对象组成的数组</translation>
    </message>
    <message>
        <source>the sweep&apos;s &quot;seeds&quot; must be a list of whole numbers &gt;= 0</source>
        <translation>扫描的“seeds”必须是由 &gt;= 0 的整数组成的列表</translation>
    </message>
    <message>
        <source>the sweep&apos;s experiment file</source>
        <translation>扫描的实验文件</translation>
    </message>
    <message>
        <source>the teacher %1 was trained for %2 classes of %3 images, but the dataset has %4 classes of %5 images</source>
        <translation>教师 %1 是为 %2 个类别、%3 的图像训练的，但数据集有 %4 个类别、%5 的图像</translation>
    </message>
    <message>
        <source>the teacher file %1</source>
        <translation>教师文件 %1</translation>
    </message>
    <message>
        <source>the teacher file %1 does not exist</source>
        <translation>教师文件 %1 不存在</translation>
    </message>
    <message>
        <source>the teacher file %1 is empty</source>
        <translation>教师文件 %1 是空的</translation>
    </message>
    <message>
        <source>the temperature must be &gt; 0, not %1</source>
        <translation>温度必须 &gt; 0，而不是 %1</translation>
    </message>
    <message>
        <source>the tensor has too many dimensions</source>
        <translation>张量的维数太多</translation>
    </message>
    <message>
        <source>the tensor&apos;s %1 holds a value out of range</source>
        <translation>张量的 %1 中有超出范围的值</translation>
    </message>
    <message>
        <source>the tensor&apos;s %1 is not a tuple</source>
        <translation>张量的 %1 不是元组</translation>
    </message>
    <message>
        <source>the tensor&apos;s size and stride differ in length</source>
        <translation>张量的 size 与 stride 长度不同</translation>
    </message>
    <message>
        <source>there is no built-in teacher &quot;%1&quot; (known: %2)</source>
        <translation>没有内置教师“%1”（已知：%2）</translation>
    </message>
    <message>
        <source>threads must be &gt;= 0 (0: all cores)</source>
        <translation>threads 必须 &gt;= 0（0：全部核心）</translation>
    </message>
    <message>
        <source>train_fraction must be in (0, 1]</source>
        <translation>train_fraction 必须在 (0, 1] 之内</translation>
    </message>
    <message>
        <source>trained here</source>
        <translation>在此训练</translation>
    </message>
    <message>
        <source>training the teacher &quot;%1&quot; on %2 images</source>
        <translation>正在用 %2 张图像训练教师“%1”</translation>
    </message>
    <message>
        <source>training these models</source>
        <translation>训练这些模型</translation>
    </message>
    <message>
        <source>unknown architecture preset &quot;%1&quot; (known: %2)</source>
        <translation>未知的架构预设“%1”（已知：%2）</translation>
    </message>
    <message>
        <source>unknown dataset &quot;%1&quot;</source>
        <translation>未知的数据集“%1”</translation>
    </message>
    <message>
        <source>unknown dataset &quot;%1&quot; (use %2)</source>
        <translation>未知的数据集“%1”（请使用 %2）</translation>
    </message>
    <message>
        <source>unknown device &quot;%1&quot; (use auto, cpu, cuda or cuda:N)</source>
        <translation>未知的设备“%1”（请使用 auto、cpu、cuda 或 cuda:N）</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot;; did you mean &quot;%2&quot;?</source>
        <translation>未知的键“%1”；您是指“%2”吗？</translation>
    </message>
    <message>
        <source>unknown setting &quot;%1&quot;: %2 has %3</source>
        <translation>未知的设置“%1”：%2 中有 %3</translation>
    </message>
    <message>
        <source>unsupported pickle opcode %1</source>
        <translation>不支持的 pickle 操作码 %1</translation>
    </message>
    <message>
        <source>unsupported pickle protocol</source>
        <translation>不支持的 pickle 协议</translation>
    </message>
    <message>
        <source>unsupported storage type %1</source>
        <translation>不支持的存储类型 %1</translation>
    </message>
    <message>
        <source>%1 has an unknown format version %2</source>
        <translation>%1 的格式版本 %2 无法识别</translation>
    </message>
    <message>
        <source>%1 was written by a newer KD Workbench (format version %2; this build reads up to version %3)</source>
        <translation>%1 由更新版本的 KD Workbench 写入（格式版本 %2；此版本最多读取版本 %3）</translation>
    </message>
    <message>
        <source>the checkpoint %1</source>
        <translation>检查点 %1</translation>
    </message>
    <message>
        <source>the run summary %1</source>
        <translation>运行摘要 %1</translation>
    </message>
    <message>
        <source>the sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot; in the sweep (keys: version, experiment, list, grid, seeds, baseline)</source>
        <translation>扫描中有未知的键“%1”（可用的键：version、experiment、list、grid、seeds、baseline）</translation>
    </message>
    <message>
        <source>%1.momentum and nesterov act with the sgd optimizer only, not with %2</source>
        <translation>%1.momentum 和 nesterov 只对 sgd 优化器起作用，对 %2 不起作用</translation>
    </message>
    <message>
        <source>%1.step_epochs and step_gamma act with the step schedule only, not with %2</source>
        <translation>%1.step_epochs 和 step_gamma 只对 step 学习率计划起作用，对 %2 不起作用</translation>
    </message>
    <message>
        <source>data.image_size and grayscale act on image folders only; %1 has its own image size and channels</source>
        <translation>data.image_size 和 grayscale 只对图像文件夹起作用；%1 有自己的图像尺寸和通道数</translation>
    </message>
    <message>
        <source>data.test_fraction acts on image folders only; %1 has its own test set</source>
        <translation>data.test_fraction 只对图像文件夹起作用；%1 有自己的测试集</translation>
    </message>
    <message>
        <source>only the first %1 training images of %2 are used (a limit of 0 uses all)</source>
        <translation>只使用 %2 的前 %1 张训练图像（上限设为 0 则全部使用）</translation>
    </message>
    <message>
        <source>teacher.allow_other_data acts on a teacher file only; a teacher trained here learns this dataset</source>
        <translation>teacher.allow_other_data 只对教师文件起作用；在这里训练的教师学的就是这个数据集</translation>
    </message>
    <message>
        <source>the built-in teacher %1 knows another dataset: the teacher %2 is trained here instead, for %3 epochs</source>
        <translation>内置教师 %1 认识的是另一个数据集：改为在这里训练教师 %2，共 %3 轮</translation>
    </message>
    <message>
        <source>the teacher %1 gets %2 of this dataset&apos;s test images right, no better than chance (%3 for %4 classes; up to %5 by luck on %6 images): it was likely trained on other data, or it expects its input prepared otherwise (normalisation, channel order, image size). Allow it on purpose with teacher.allow_other_data (kdtrain --teacher-other-data)</source>
        <translation>教师 %1 在这个数据集的测试图像上只答对 %2，不比随机猜测好（%4 个类别时随机为 %3；在 %6 张图像上靠运气最多可达 %5）：它很可能是在别的数据上训练的，或者它要求的输入预处理不同（归一化、通道顺序、图像尺寸）。如确有此意，可用 teacher.allow_other_data（kdtrain --teacher-other-data）允许它</translation>
    </message>
    <message>
        <source>the teacher %1 was trained on %2; this dataset, %3, has %4. A teacher of other classes passes on answers about other things: choose one trained on this dataset, or allow it on purpose (teacher.allow_other_data, kdtrain --teacher-other-data)</source>
        <translation>教师 %1 是在 %2 上训练的；这个数据集 %3 的类别是 %4。别的类别的教师传授的是关于别的东西的答案：请选一个在这个数据集上训练的教师，或者有意允许它（teacher.allow_other_data，kdtrain --teacher-other-data）</translation>
    </message>
    <message>
        <source>the teacher is now %1, the built-in teacher of %2</source>
        <translation>教师现在是 %1，即 %2 的内置教师</translation>
    </message>
    <message>
        <source>a teacher trained here learns from labels, and data.labelled 0 keeps none: load a teacher file, or keep some labels</source>
        <translation>在这里训练的教师要从标签学习，而 data.labelled 0 不保留任何标签：请载入教师文件，或保留一些标签</translation>
    </message>
    <message>
        <source>alpha 1 learns from the labels alone, and data.labelled 0 keeps none: lower alpha to learn from the teacher</source>
        <translation>alpha 1 只从标签学习，而 data.labelled 0 不保留任何标签：请降低 alpha，从教师学习</translation>
    </message>
    <message>
        <source>data.labelled %1 cannot give each of the %2 classes a label: keep at least %2 (or 0, for none)</source>
        <translation>data.labelled %1 无法让 %2 个类别各有一个标签：至少保留 %2 个（或 0，表示不用标签）</translation>
    </message>
    <message>
        <source>data.labelled asks for %1 labelled images, but the transfer set has %2</source>
        <translation>data.labelled 要求 %1 张有标签的图像，但迁移集只有 %2 张</translation>
    </message>
    <message>
        <source>data.labelled must be &quot;all&quot;, a count of images or a fraction in (0, 1)</source>
        <translation>data.labelled 必须是 &quot;all&quot;、图像数量或 (0, 1) 之间的比例</translation>
    </message>
    <message>
        <source>data.labelled must be &quot;all&quot;, a whole count of images, a fraction in (0, 1) or 0 (no label), not %1</source>
        <translation>data.labelled 必须是 &quot;all&quot;、整数图像数量、(0, 1) 之间的比例或 0（不用标签），而不是 %1</translation>
    </message>
    <message>
        <source>data.unlabelled needs square images with 1 or 3 channels; the dataset&apos;s are %1</source>
        <translation>data.unlabelled 需要 1 或 3 通道的正方形图像；该数据集的图像是 %1</translation>
    </message>
    <message>
        <source>the folder of unlabelled images %1 does not exist</source>
        <translation>无标签图像文件夹 %1 不存在</translation>
    </message>
    <message>
        <source>the folder of unlabelled images %1 has no readable image (%2 files skipped)</source>
        <translation>无标签图像文件夹 %1 中没有可读的图像（跳过了 %2 个文件）</translation>
    </message>
    <message>
        <source>the student has no image to learn from</source>
        <translation>学生没有可以学习的图像</translation>
    </message>
    <message>
        <source>the teacher trained here has no labelled image to learn from</source>
        <translation>在这里训练的教师没有可以学习的有标签图像</translation>
    </message>
    <message>
        <source>baseline: the no-KD baseline learns from labels alone, and no point keeps a label (data.labelled 0)</source>
        <translation>baseline：无 KD 基线只从标签学习，而没有任何点保留标签（data.labelled 0）</translation>
    </message>
    <message>
        <source>precision auto: bf16 (the CPU has %1)</source>
        <translation>精度 auto：bf16（该 CPU 有 %1）</translation>
    </message>
    <message>
        <source>precision auto: fp32 on %1 (choose bf16 by name for a GPU)</source>
        <translation>精度 auto：在 %1 上用 fp32（GPU 上请直接选 bf16）</translation>
    </message>
    <message>
        <source>precision auto: fp32, this CPU has no bfloat16 instructions (avx512_bf16 or amx_bf16)</source>
        <translation>精度 auto：fp32，该 CPU 没有 bfloat16 指令（avx512_bf16 或 amx_bf16）</translation>
    </message>
    <message>
        <source>precision bf16 on a CPU without bfloat16 instructions: LibTorch emulates them, slower than fp32</source>
        <translation>在没有 bfloat16 指令的 CPU 上使用 bf16 精度：LibTorch 以软件模拟，比 fp32 更慢</translation>
    </message>
    <message>
        <source>%1&apos;s setting %2 must be %3 from %4 to %5, not %6</source>
        <translation>%1 的设置 %2 必须是 %4 到 %5 之间的%3，而不是 %6</translation>
    </message>
    <message>
        <source>1: z-score each image&apos;s logits before the softmax, as logit standardisation does</source>
        <translation>1：在 softmax 之前对每张图像的 logits 做 z 分数标准化（与 logit 标准化相同）</translation>
    </message>
    <message>
        <source>DIST</source>
        <translation>DIST</translation>
    </message>
    <message>
        <source>Decoupled KD</source>
        <translation>解耦知识蒸馏</translation>
    </message>
    <message>
        <source>Epochs over which the teacher&apos;s terms ramp up linearly from 0 (0: none)</source>
        <translation>教师项从 0 线性增长所用的轮数（0：不预热）</translation>
    </message>
    <message>
        <source>How the teacher&apos;s answers correlate: across the classes of each image, and across the images of each class (Huang et al., 2022).</source>
        <translation>教师答案之间的相关性：每张图像各类别之间，以及每个类别各图像之间（Huang 等，2022）。</translation>
    </message>
    <message>
        <source>KD with logit standardisation</source>
        <translation>带 logit 标准化的知识蒸馏</translation>
    </message>
    <message>
        <source>Knowledge distillation</source>
        <translation>知识蒸馏</translation>
    </message>
    <message>
        <source>The teacher&apos;s answer in two parts weighed apart: how sure it is of the true class, and how it ranks the other classes (Zhao et al., 2022).</source>
        <translation>把教师的答案分成两部分分别加权：它对真实类别有多确定，以及它如何排列其他类别（Zhao 等，2022）。</translation>
    </message>
    <message>
        <source>The teacher&apos;s answers after z-scoring each image&apos;s logits, so that the student matches their shape, not their scale (Sun et al., 2024).</source>
        <translation>对每张图像的 logits 做 z 分数标准化后的教师答案，让学生模仿其形状而不是尺度（Sun 等，2024）。</translation>
    </message>
    <message>
        <source>The teacher&apos;s softened answers, every class&apos;s probability at temperature T (Hinton et al., 2015).</source>
        <translation>教师软化后的答案：温度 T 下每个类别的概率（Hinton 等，2015）。</translation>
    </message>
    <message>
        <source>Weight of the KD term on standardised logits, T^2 KL</source>
        <translation>标准化 logits 上 KD 项（T^2 KL）的权重</translation>
    </message>
    <message>
        <source>Weight of the inter-class term (the paper&apos;s beta): each image&apos;s answers correlated with the teacher&apos;s</source>
        <translation>类间项的权重（论文中的 beta）：每张图像的答案与教师答案的相关性</translation>
    </message>
    <message>
        <source>Weight of the intra-class term (the paper&apos;s gamma): each class&apos;s answers over the batch correlated with the teacher&apos;s</source>
        <translation>类内项的权重（论文中的 gamma）：每个类别在整批图像上的答案与教师答案的相关性</translation>
    </message>
    <message>
        <source>Weight of the labels&apos; cross-entropy in the loss (its terms are added, not mixed by alpha)</source>
        <translation>标签交叉熵在损失中的权重（各项相加，而不是由 alpha 混合）</translation>
    </message>
    <message>
        <source>Weight of the non-target term (the paper&apos;s beta): how the teacher ranks the other classes</source>
        <translation>非目标项的权重（论文中的 beta）：教师如何排列其他类别</translation>
    </message>
    <message>
        <source>Weight of the target-class term (the paper&apos;s alpha): how sure the teacher is of the true class</source>
        <translation>目标类别项的权重（论文中的 alpha）：教师对真实类别有多确定</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>distillation.alpha acts with the kd method only; %1 weighs its terms with its own settings (%2)</source>
        <translation>distillation.alpha 只对 kd 方法起作用；%1 用它自己的设置（%2）给各项加权</translation>
    </message>
    <message>
        <source>distillation.settings must be a JSON object</source>
        <translation>distillation.settings 必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>distillation.settings.%1 must be a number</source>
        <translation>distillation.settings.%1 必须是数字</translation>
    </message>
    <message>
        <source>no distillation method &quot;%1&quot;; there are %2</source>
        <translation>没有名为“%1”的蒸馏方法；可用的有 %2</translation>
    </message>
    <message>
        <source>the method %1 has no setting &quot;%2&quot;; it has %3</source>
        <translation>方法 %1 没有设置“%2”；它的设置有 %3</translation>
    </message>
    <message>
        <source>the method %1 has no setting (%2 given)</source>
        <translation>方法 %1 没有任何设置（却给出了 %2）</translation>
    </message>
    <message>
        <source>the method %1 needs every image&apos;s label (it splits each answer at the true class); data.labelled keeps only some: choose kd, dist or ls</source>
        <translation>方法 %1 需要每张图像的标签（它在真实类别处拆分每个答案）；data.labelled 只保留了部分标签：请选择 kd、dist 或 ls</translation>
    </message>
    <message>
        <source>%1 compares maps of image positions, and %2 has no convolution layer: choose a convolutional model, or fitnets or rkd</source>
        <translation>%1 比较图像各位置的激活图，而%2没有卷积层：请选择卷积模型，或改用 fitnets 或 rkd</translation>
    </message>
    <message>
        <source>Attention transfer</source>
        <translation>注意力迁移</translation>
    </message>
    <message>
        <source>FitNets</source>
        <translation>FitNets</translation>
    </message>
    <message>
        <source>FitNets needs a stage in %1, which has neither a convolution nor a hidden layer</source>
        <translation>FitNets 需要%1中的一个阶段，但它既没有卷积层也没有隐藏层</translation>
    </message>
    <message>
        <source>How the teacher places the images of a batch relative to one another: their distances and the angles they make (Park et al., 2019).</source>
        <translation>教师如何安排一批图像彼此之间的相对位置：它们的距离和构成的角度（Park 等，2019）。</translation>
    </message>
    <message>
        <source>Relational KD</source>
        <translation>关系知识蒸馏</translation>
    </message>
    <message>
        <source>The power of each activation before the mean over channels (the paper&apos;s p)</source>
        <translation>对通道求平均之前每个激活值的幂次（论文中的 p）</translation>
    </message>
    <message>
        <source>The student&apos;s stage that learns the hint, from the first (1); 0: the middle one. The teacher&apos;s is the stage as deep from the end</source>
        <translation>学习提示的学生阶段，从第一个（1）数起；0：中间的阶段。教师的阶段是从末尾数起同样深的那个</translation>
    </message>
    <message>
        <source>Weight of Hinton&apos;s term on the answers, T^2 KL at the temperature (0: none)</source>
        <translation>Hinton 答案项的权重，即该温度下的 T^2 KL（0：不用）</translation>
    </message>
    <message>
        <source>Weight of the angle term: the angles that every three images&apos; embeddings make</source>
        <translation>角度项的权重：每三张图像的嵌入所构成的角度</translation>
    </message>
    <message>
        <source>Weight of the attention term, summed over the paired stages</source>
        <translation>注意力项的权重，对配对的各阶段求和</translation>
    </message>
    <message>
        <source>Weight of the distance term: pairwise distances of the embeddings, each set normalised by its mean</source>
        <translation>距离项的权重：嵌入之间的两两距离，每组按其均值归一化</translation>
    </message>
    <message>
        <source>Weight of the hint term: the mean squared error between the regressed student stage and the teacher&apos;s</source>
        <translation>提示项的权重：回归后的学生阶段与教师阶段之间的均方误差</translation>
    </message>
    <message>
        <source>What the teacher computes halfway: a regressor maps one stage of the student onto the teacher&apos;s, and the student learns to match it (Romero et al., 2015).</source>
        <translation>教师在中途算出的东西：一个回归器把学生的一个阶段映射到教师的对应阶段，学生学着与之一致（Romero 等，2015）。</translation>
    </message>
    <message>
        <source>Where the teacher looks: at each stage, the map of how strongly each position of the image is active (Zagoruyko and Komodakis, 2017).</source>
        <translation>教师在看哪里：在每个阶段，图像每个位置的激活强度图（Zagoruyko 和 Komodakis，2017）。</translation>
    </message>
    <message>
        <source>fitnets&apos; stage %1 does not exist: the student has %2 stage(s)</source>
        <translation>fitnets 的阶段 %1 不存在：学生只有 %2 个阶段</translation>
    </message>
    <message>
        <source>the method %1 needs both models&apos; features</source>
        <translation>方法 %1 需要两个模型的特征</translation>
    </message>
    <message>
        <source>the method %1 needs the student&apos;s layout</source>
        <translation>方法 %1 需要学生的结构</translation>
    </message>
    <message>
        <source>the method %1 reads what the teacher computes inside, which a TorchScript teacher does not show: choose a method that reads the answers alone (kd, dkd, dist or ls), or a teacher saved as a workbench checkpoint or a state_dict</source>
        <translation>方法 %1 读取教师内部的计算结果，而 TorchScript 教师不提供这些：请选择只读取答案的方法（kd、dkd、dist 或 ls），或使用保存为工作台检查点或 state_dict 的教师</translation>
    </message>
    <message>
        <source>the student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>the teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>caching the teacher&apos;s features for %1 training images (%2 MB)</source>
        <translation>正在缓存教师在 %1 张训练图像上的特征（%2 MB）</translation>
    </message>
    <message>
        <source>the teacher&apos;s features of %1 training images would take %2 MB (over %3 MB): the teacher runs on every batch</source>
        <translation>教师在 %1 张训练图像上的特征将占用 %2 MB（超过 %3 MB）：教师在每个批次上运行</translation>
    </message>
    <message>
        <source>distillation.temperature acts on %1 through its kd_weight, which is 0: set kd_weight above 0, or keep T at %2</source>
        <translation>distillation.temperature 对 %1 只通过其 kd_weight 起作用，而它为 0：请把 kd_weight 设为大于 0，或保持 T 为 %2</translation>
    </message>
    <message>
        <source>a t-SNE map needs at least 4 images; this one has %1</source>
        <translation>t-SNE 图至少需要 4 张图像；这里只有 %1 张</translation>
    </message>
    <message>
        <source>a t-SNE map of %1 images needs a perplexity below %2</source>
        <translation>%1 张图像的 t-SNE 图需要低于 %2 的困惑度</translation>
    </message>
    <message>
        <source>this run has no %1 whose features can be read</source>
        <translation>本次运行没有可读取特征的%1</translation>
    </message>
    <message>
        <source>the run recorded no epoch %1</source>
        <translation>本次运行没有记录第 %1 轮</translation>
    </message>
    <message>
        <source>%1: representation is not an object</source>
        <translation>%1：representation 不是一个对象</translation>
    </message>
    <message>
        <source>measuring how the models arrange the test images inside them</source>
        <translation>正在测量各模型如何在内部排布测试图像</translation>
    </message>
    <message>
        <source>Contrastive representation distillation</source>
        <translation>对比表征蒸馏</translation>
    </message>
    <message>
        <source>How much of a memory row stays when its image comes by again</source>
        <translation>某图像再次出现时，其记忆行保留多少</translation>
    </message>
    <message>
        <source>Images of other classes each image is contrasted with (the transfer set&apos;s size when it has fewer)</source>
        <translation>每幅图像与之对比的其他类别图像数（迁移集更小时取其大小）</translation>
    </message>
    <message>
        <source>Temperature of the contrast: lower sharpens the scores</source>
        <translation>对比的温度：越低分数越尖锐</translation>
    </message>
    <message>
        <source>Weight of the contrastive term (the student&apos;s direction and the teacher&apos;s)</source>
        <translation>对比项的权重（学生方向与教师方向之和）</translation>
    </message>
    <message>
        <source>Which images the teacher&apos;s embedding tells apart: the student&apos;s embedding learns to pick out the teacher&apos;s of the same image among those of images of other classes (Tian et al., 2020).</source>
        <translation>教师的嵌入能区分哪些图像：学生的嵌入学习在其他类别图像的教师嵌入中认出同一幅图像的教师嵌入（Tian 等，2020）。</translation>
    </message>
    <message>
        <source>Width of the vectors the two heads map the embeddings to</source>
        <translation>两个投影头把嵌入映射成的向量宽度</translation>
    </message>
    <message>
        <source>crd keeps a memory row per transfer image, which each process would update apart: run it in one process</source>
        <translation>crd 为每幅迁移图像保留一行记忆，各进程会各自更新它：请在单个进程中运行</translation>
    </message>
    <message>
        <source>crd needs a transfer set of at least two images for its memory bank</source>
        <translation>crd 的记忆库需要至少两幅图像的迁移集</translation>
    </message>
    <message>
        <source>crd needs the batch&apos;s positions in the transfer set</source>
        <translation>crd 需要该批图像在迁移集中的位置</translation>
    </message>
</context>
<context>
    <name>kd::ui::ArchEditor</name>
    <message>
        <source>Ch</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>Res</source>
        <translation>残差</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Output channels</source>
        <translation>输出通道数</translation>
    </message>
    <message>
        <source>Kernel size (odd)</source>
        <translation>卷积核大小（奇数）</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>Batch normalisation</source>
        <translation>批归一化</translation>
    </message>
    <message>
        <source>2x2 pooling after the layer</source>
        <translation>该层之后做 2x2 池化</translation>
    </message>
    <message>
        <source>Residual block (two convolutions and a shortcut)</source>
        <translation>残差块（两个卷积加一条捷径）</translation>
    </message>
    <message>
        <source>The layer&apos;s output: channels x height x width</source>
        <translation>该层的输出：通道 x 高 x 宽</translation>
    </message>
    <message>
        <source>Convolution layers, first to last. BN: batchnorm; Pool: 2x2 after the layer; Res: a residual block of two convolutions.</source>
        <translation>卷积层，从第一层到最后一层。BN：批归一化；池化：该层后做 2x2 池化；残差：由两个卷积组成的残差块。</translation>
    </message>
    <message>
        <source>&amp;Add layer</source>
        <translation>添加层(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>删除(&amp;M)</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Add a convolution layer after the selected one.</source>
        <translation>在所选层之后添加一个卷积层。</translation>
    </message>
    <message>
        <source>Remove the selected layer.</source>
        <translation>删除所选层。</translation>
    </message>
    <message>
        <source>Move the selected layer one up.</source>
        <translation>把所选层上移一位。</translation>
    </message>
    <message>
        <source>Move the selected layer one down.</source>
        <translation>把所选层下移一位。</translation>
    </message>
    <message>
        <source>e.g. 512, 128 (none: straight to the classifier)</source>
        <translation>如 512, 128（留空：直接接分类器）</translation>
    </message>
    <message>
        <source>Widths of the fully connected layers between the convolutions and the classifier.</source>
        <translation>卷积层与分类器之间各全连接层的宽度。</translation>
    </message>
    <message>
        <source>The fraction of hidden units switched off at random in training.</source>
        <translation>训练中随机关闭的隐藏单元比例。</translation>
    </message>
    <message>
        <source>Global average pool</source>
        <translation>全局平均池化</translation>
    </message>
    <message>
        <source>Average each channel over the image before the fully connected layers.</source>
        <translation>在全连接层之前对每个通道在整幅图像上取平均。</translation>
    </message>
    <message>
        <source>Hidden widths</source>
        <translation>隐藏层宽度</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>too small</source>
        <translation>太小</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>avg</source>
        <translation>平均</translation>
    </message>
</context>
<context>
    <name>kd::ui::BackgroundTask</name>
    <message>
        <source>out of memory: use a smaller dataset, image size, batch or model</source>
        <translation>内存不足：请使用更小的数据集、图像尺寸、批大小或模型</translation>
    </message>
    <message>
        <source>an unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>kd::ui::Catalogue</name>
    <message>
        <source>SGD (momentum)</source>
        <translation>SGD（动量）</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>Fashion-MNIST (built-in)</source>
        <translation>Fashion-MNIST（内置）</translation>
    </message>
    <message>
        <source>MNIST (IDX folder)</source>
        <translation>MNIST（IDX 文件夹）</translation>
    </message>
    <message>
        <source>CIFAR-10 (binary folder)</source>
        <translation>CIFAR-10（二进制文件夹）</translation>
    </message>
    <message>
        <source>CIFAR-100 (binary folder)</source>
        <translation>CIFAR-100（二进制文件夹）</translation>
    </message>
    <message>
        <source>Image folder (a sub-folder per class)</source>
        <translation>图像文件夹（每类一个子文件夹）</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>bfloat16 (mixed)</source>
        <translation>bfloat16（混合）</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>kd::ui::ClassNames</name>
    <message>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>套头衫</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>短靴</translation>
    </message>
</context>
<context>
    <name>kd::ui::ConfusionModel</name>
    <message>
        <source>%1 images of %2 predicted as %3 (%4 of the class)</source>
        <translation>%1 张 %2 被预测为 %3（占该类的 %4）</translation>
    </message>
    <message>
        <source>true class %1</source>
        <translation>真实类别 %1</translation>
    </message>
    <message>
        <source>predicted %1</source>
        <translation>预测 %1</translation>
    </message>
</context>
<context>
    <name>kd::ui::ConfusionView</name>
    <message>
        <source>Rows: true class. Columns: predicted class. Click a cell (or press Enter) to show those images in the gallery.</source>
        <translation>行：真实类别。列：预测类别。点击单元格（或按回车）在图库中显示这些图像。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 of %3 right (%4). Rows: true class; columns: predicted class.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%3 张中答对 %2 张（%4）。行：真实类别；列：预测类别。</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
</context>
<context>
    <name>kd::ui::CurvesWidget</name>
    <message>
        <source>epoch (teacher, then student)</source>
        <translation>轮次（先教师，后学生）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>total (raw)</source>
        <translation>总计（原始）</translation>
    </message>
    <message>
        <source>total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>KD (T²-scaled)</source>
        <translation>KD（乘以 T²）</translation>
    </message>
    <message>
        <source>KL (unscaled)</source>
        <translation>KL（未缩放）</translation>
    </message>
    <message>
        <source>total per epoch</source>
        <translation>每轮总计</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>teacher (test)</source>
        <translation>教师（测试）</translation>
    </message>
    <message>
        <source>no-KD baseline (test)</source>
        <translation>无 KD 基线（测试）</translation>
    </message>
    <message>
        <source>Exponential smoothing of the losses, decaying per batch (0: none, 99: strong).</source>
        <translation>损失的指数平滑，按批次衰减（0：不平滑，99：强平滑）。</translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation>对数坐标(&amp;L)</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis.</source>
        <translation>用对数坐标轴显示损失。</translation>
    </message>
    <message>
        <source>&amp;Fit all</source>
        <translation>全部显示(&amp;F)</translation>
    </message>
    <message>
        <source>Rescale both plots to show every point.</source>
        <translation>重新缩放两张图，显示所有数据点。</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Earlier runs of this session: tick to show their curves.</source>
        <translation>本次会话中之前的运行：勾选以显示它们的曲线。</translation>
    </message>
    <message>
        <source>%1
epoch %2: %3</source>
        <translation>%1
第 %2 轮：%3</translation>
    </message>
    <message>
        <source>KD on standardised logits (weighted)</source>
        <translation>标准化 logits 上的 KD（加权）</translation>
    </message>
    <message>
        <source>teacher&apos;s part of the loss</source>
        <translation>损失中来自教师的部分</translation>
    </message>
    <message>
        <source>%1 terms (weighted)</source>
        <translation>%1 各项（加权）</translation>
    </message>
</context>
<context>
    <name>kd::ui::DatasetStrip</name>
    <message>
        <source>Loading the dataset…</source>
        <translation>正在加载数据集…</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#b00020&apos;&gt;%1 files skipped (unreadable or too large), e.g. %2&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#b00020&apos;&gt;跳过了 %1 个文件（无法读取或太大），例如 %2&lt;/span&gt;</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>…… 另有 %1 个</translation>
    </message>
    <message>
        <source>%1 training and %2 test images, %3 classes of %4</source>
        <translation>%1 张训练图像和 %2 张测试图像，%3 个类别，图像大小 %4</translation>
    </message>
    <message>
        <source>class %1: %2</source>
        <translation>类别 %1：%2</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>kd::ui::DemoGuide</name>
    <message>
        <source>◀ &amp;Back</source>
        <translation>◀ 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>下一步(&amp;N) ▶</translation>
    </message>
    <message>
        <source>Run &amp;again</source>
        <translation>重新运行(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;End demo</source>
        <translation>结束演示(&amp;E)</translation>
    </message>
    <message>
        <source>Demonstration caption</source>
        <translation>演示说明</translation>
    </message>
    <message>
        <source>The previous step (Page Up)</source>
        <translation>上一步（Page Up）</translation>
    </message>
    <message>
        <source>The next step (Page Down)</source>
        <translation>下一步（Page Down）</translation>
    </message>
    <message>
        <source>Set the demonstration up again and run it from the start</source>
        <translation>重新设置演示并从头运行</translation>
    </message>
    <message>
        <source>Close the captions; the run and the window stay as they are</source>
        <translation>关闭说明；运行和窗口保持不变</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · step %2 of %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · 第 %2/%3 步</translation>
    </message>
    <message>
        <source>Available when the run has finished</source>
        <translation>运行结束后可用</translation>
    </message>
</context>
<context>
    <name>kd::ui::DemoRunner</name>
    <message>
        <source>The demonstration is set up; it cannot start yet: </source>
        <translation>演示已设置好，但还不能开始：</translation>
    </message>
</context>
<context>
    <name>kd::ui::Demonstration</name>
    <message>
        <source>&amp;Dark knowledge: the temperature slider</source>
        <translation>暗知识：温度滑块(&amp;D)</translation>
    </message>
    <message>
        <source>What a teacher&apos;s softened answers say beyond the right class: one image at T = 1, 4 and 20</source>
        <translation>教师的软化答案在正确类别之外还说了什么：同一张图像在 T = 1、4 和 20 下</translation>
    </message>
    <message>
        <source>The teacher, a resnet20 trained on all 60,000 images, gets 94.4% of the test images right. A small student trains for a few epochs beside it so that we can compare their answers. &lt;i&gt;Wait until the run has finished.&lt;/i&gt;</source>
        <translation>教师是在全部 60,000 张图像上训练的 resnet20，答对 94.4% 的测试图像。一个小学生在它旁边训练几轮，以便比较两者的答案。&lt;i&gt;请等运行结束。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>One pullover from the test set. At &lt;b&gt;T = 1&lt;/b&gt; (the top plot) the teacher is almost certain: nearly all its probability is on one class, which is all a label says.</source>
        <translation>测试集中的一件套头衫。在 &lt;b&gt;T = 1&lt;/b&gt;（上方的图）时教师几乎确定：几乎全部概率都在一个类别上，这也正是标签所能说的全部。</translation>
    </message>
    <message>
        <source>The same answer &lt;b&gt;softened at T = 4&lt;/b&gt; (the lower plot), the temperature the student learns at: the wrong classes now get visible probability. Which of them get the most?</source>
        <translation>同一个答案&lt;b&gt;在 T = 4 下软化&lt;/b&gt;（下方的图），这是学生学习时的温度：错误类别现在有了看得见的概率。哪些类别得到的最多？</translation>
    </message>
    <message>
        <source>At &lt;b&gt;T = 20&lt;/b&gt; the distribution is nearly flat, yet the wrong classes keep their order: the teacher has learned which classes look alike. This ranking is the &lt;b&gt;dark knowledge&lt;/b&gt; a student copies and a label cannot give. Drag the slider.</source>
        <translation>在 &lt;b&gt;T = 20&lt;/b&gt; 时分布几乎是平的，但错误类别仍保持原有顺序：教师已经学会了哪些类别彼此相像。这种排序就是学生所模仿、而标签无法提供的&lt;b&gt;暗知识&lt;/b&gt;。拖动滑块试试。</translation>
    </message>
    <message>
        <source>The confusion matrices show the same similarities over all 10,000 test images: the teacher&apos;s mistakes fall between pullover, coat, shirt and T-shirt.</source>
        <translation>混淆矩阵在全部 10,000 张测试图像上显示出同样的相似性：教师的错误集中在套头衫、外套、衬衫和 T恤之间。</translation>
    </message>
    <message>
        <source>A &amp;tiny student learns from a big teacher</source>
        <translation>小学生向大教师学习(&amp;T)</translation>
    </message>
    <message>
        <source>The built-in experiment: a student with 25 times fewer multiply-adds than its teacher, trained on 5,000 images with and without the teacher&apos;s soft answers</source>
        <translation>内置实验：一个乘加数只有教师 1/25 的学生，在 5,000 张图像上分别用和不用教师的软答案训练</translation>
    </message>
    <message>
        <source>The student needs 25 times fewer multiply-adds than the teacher. It trains on only 5,000 images, first on the teacher&apos;s soft answers and the labels (alpha 0.5, T 4), then once more on the labels alone: the &lt;b&gt;no-KD baseline&lt;/b&gt;. Watch the test accuracy. &lt;i&gt;A minute or two.&lt;/i&gt;</source>
        <translation>学生的乘加数只有教师的 1/25。它只用 5,000 张图像训练，先用教师的软答案加标签（alpha 0.5，T 4），再只用标签训练一次：这就是&lt;b&gt;无 KD 基线&lt;/b&gt;。请看测试准确率。&lt;i&gt;一到两分钟。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>The distilled student&apos;s test accuracy against the baseline&apos;s (the square markers). Over five seeds the distilled student was ahead every time, by 1.2 points on average (docs/results.md); a single run, like this one, can differ.</source>
        <translation>蒸馏后学生的测试准确率与基线（方形标记）的对比。在五个种子上蒸馏后的学生每次都领先，平均高 1.2 个百分点（docs/results.md）；像这样的单次运行可能不同。</translation>
    </message>
    <message>
        <source>Size, speed and accuracy side by side: the teacher, the distilled student and the same student trained without the teacher.</source>
        <translation>大小、速度和准确率并排对比：教师、蒸馏后的学生，以及不用教师训练的同一学生。</translation>
    </message>
    <message>
        <source>Where do they still disagree? The images the teacher gets right and the student does not: what the student has not learned (yet).</source>
        <translation>它们在哪里仍有分歧？教师答对而学生答错的图像：学生（还）没学会的东西。</translation>
    </message>
    <message>
        <source>A &amp;class the student never saw</source>
        <translation>学生从未见过的类别(&amp;C)</translation>
    </message>
    <message>
        <source>Hinton&apos;s omitted-class experiment: the student never sees one class, learns it from the pretrained teacher&apos;s soft answers, and is compared with a student trained without them</source>
        <translation>Hinton 的省略类别实验：学生从未见过某个类别，只从预训练教师的软答案中学到它，并与不用软答案训练的学生相比较</translation>
    </message>
    <message>
        <source>The student never sees a single &lt;b&gt;ankle boot&lt;/b&gt;: they are taken out of its training images. The teacher saw every class. Then the same student trains without the teacher, as a baseline. &lt;i&gt;A minute or two.&lt;/i&gt;</source>
        <translation>学生一只&lt;b&gt;短靴&lt;/b&gt;也看不到：它们被从训练图像中拿掉了。教师见过所有类别。然后同一个学生不用教师再训练一次，作为基线。&lt;i&gt;一到两分钟。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>The hidden class in the Model card: the raw student almost never answers &apos;ankle boot&apos; (nothing rewarded that answer), yet after raising one number, the class&apos;s output bias, it recognises most of them. The baseline, without the teacher, gets none.</source>
        <translation>模型卡中的隐藏类别：未校正的学生几乎从不回答“短靴”（从来没有奖励过这个答案），但只要调高一个数，即该类别的输出偏置，它就能认出其中大部分。没有教师的基线一个也认不出。</translation>
    </message>
    <message>
        <source>Every ankle boot of the test set. T is the teacher&apos;s answer, S the raw student&apos;s: what the student learned about ankle boots came from the teacher&apos;s soft answers on sneakers, sandals and the other classes.</source>
        <translation>测试集中的每一只短靴。T 是教师的答案，S 是未校正学生的答案：学生对短靴的全部了解，都来自教师对运动鞋、凉鞋和其他类别给出的软答案。</translation>
    </message>
    <message>
        <source>Only &amp;100 labels</source>
        <translation>只有 100 个标签(&amp;1)</translation>
    </message>
    <message>
        <source>100 labelled images and 4,900 without a label: the pretrained teacher labels the rest, against a student trained on the 100 labels alone</source>
        <translation>100 张有标签的图像和 4,900 张无标签的图像：预训练的教师为其余图像给出标签，并与只用这 100 个标签训练的学生比较</translation>
    </message>
    <message>
        <source>Labels are costly; images are not. Of these 5,000 training images only &lt;b&gt;100 keep their label&lt;/b&gt;, 10 of each class. The student learns those labels and the teacher&apos;s answers on all 5,000. Then the same student trains on the 100 labelled images alone, for as many steps: the &lt;b&gt;baseline&lt;/b&gt;. &lt;i&gt;A minute or two.&lt;/i&gt;</source>
        <translation>标签很贵，图像不贵。这 5,000 张训练图像中只有 &lt;b&gt;100 张保留标签&lt;/b&gt;，每个类别 10 张。学生学习这些标签，以及教师对全部 5,000 张图像的答案。然后同一个学生只用这 100 张有标签的图像训练，步数相同：这就是&lt;b&gt;基线&lt;/b&gt;。&lt;i&gt;一两分钟。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Where the student is still wrong and the teacher right: what more labels, or more images for the teacher to label, would teach.</source>
        <translation>学生仍然答错而教师答对的地方：这就是更多标签，或更多交给教师标注的图像，还能教会学生的东西。</translation>
    </message>
    <message>
        <source>The distilled student&apos;s test accuracy against the baseline&apos;s (the square markers). Over five seeds the distilled student reached 88.9% and the baseline 70.7% (docs/results.md); a single run, like this one, can differ.</source>
        <translation>蒸馏后学生的测试准确率与基线（方形标记）对比。在五个种子上，蒸馏后的学生达到 88.9%，基线 70.7%（docs/results.md）；像这样的单次运行可能不同。</translation>
    </message>
    <message>
        <source>The Model card says how many labels each student used. The teacher&apos;s answers on the 4,900 images without a label were worth 18 points; with no label at all the student still reached 88.7%, with all 5,000 labels 88.1%.</source>
        <translation>模型卡说明每个学生用了多少标签。教师对 4,900 张无标签图像的答案值 18 个百分点；完全不用标签时学生仍达到 88.7%，用全部 5,000 个标签时为 88.1%。</translation>
    </message>
    <message>
        <source>Inside the networks: each model&apos;s map of 2,000 test images (t-SNE of its last features), turned to match. Near points are images the model finds alike. On each of five seeds the distilled student&apos;s same-class retrieval (mAP) beat the baseline&apos;s, by 5.3 points on average (docs/results.md); one run can differ. Drag a rectangle to see those images in the gallery.</source>
        <translation>网络内部：每个模型对 2,000 张测试图像的分布图（对其最后一层特征做 t-SNE），已对齐。相近的点是模型认为相似的图像。在五个种子中的每一个上，蒸馏后的学生的同类检索（mAP）都高于基线，平均高 5.3 个百分点（docs/results.md）；单次运行可能不同。拖出矩形即可在图库中查看这些图像。</translation>
    </message>
</context>
<context>
    <name>kd::ui::DistributedJobDialog</name>
    <message>
        <source>Export as a distributed job</source>
        <translation>导出为分布式作业</translation>
    </message>
    <message>
        <source>Writes the experiment in the panel and a launch script for PyTorch&apos;s torchrun: every process trains on its share of each batch and the gradients are averaged (CPU: Gloo; CUDA: one process per GPU, NCCL). The batch size is the global batch of all processes.</source>
        <translation>写出面板中的实验和供 PyTorch 的 torchrun 使用的启动脚本：每个进程训练每个批次中属于它的那一份，梯度取平均（CPU：Gloo；CUDA：每个 GPU 一个进程，NCCL）。批大小是所有进程合计的全局批大小。</translation>
    </message>
    <message>
        <source>Machines that run the job; each starts launch.sh</source>
        <translation>运行作业的机器数；每台机器运行 launch.sh</translation>
    </message>
    <message>
        <source>Processes on each machine: one per GPU, or a share of the cores</source>
        <translation>每台机器上的进程数：每个 GPU 一个，或分摊 CPU 核心</translation>
    </message>
    <message>
        <source>The port on the first machine where the processes meet</source>
        <translation>第一台机器上供各进程会合的端口</translation>
    </message>
    <message>
        <source>The job folder: config.json and launch.sh are written into it</source>
        <translation>作业文件夹：config.json 和 launch.sh 写入其中</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Job folder</source>
        <translation>作业文件夹</translation>
    </message>
    <message>
        <source>&amp;Machines (nodes):</source>
        <translation>机器数（节点）(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Processes per machine:</source>
        <translation>每台机器的进程数(&amp;P)：</translation>
    </message>
    <message>
        <source>Master &amp;port:</source>
        <translation>主端口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Launch commands</source>
        <translation>启动命令</translation>
    </message>
    <message>
        <source>What each machine runs:</source>
        <translation>每台机器运行的命令：</translation>
    </message>
    <message>
        <source>Choose the job folder.</source>
        <translation>请选择作业文件夹。</translation>
    </message>
    <message>
        <source>%1 processes in all</source>
        <translation>共 %1 个进程</translation>
    </message>
    <message>
        <source>, %1 images a step each</source>
        <translation>，每个进程每步 %1 张图像</translation>
    </message>
    <message>
        <source>On the first machine (its address: ADDRESS):
  NODE_RANK=0 MASTER_ADDR=ADDRESS </source>
        <translation>在第一台机器上（其地址为 ADDRESS）：
  NODE_RANK=0 MASTER_ADDR=ADDRESS </translation>
    </message>
    <message>
        <source>On the second machine:
  NODE_RANK=1 MASTER_ADDR=ADDRESS %1
</source>
        <translation>在第二台机器上：
  NODE_RANK=1 MASTER_ADDR=ADDRESS %1
</translation>
    </message>
    <message>
        <source>On each other machine k = 1..%1:
  NODE_RANK=k MASTER_ADDR=ADDRESS %2
</source>
        <translation>在其余每台机器 k = 1..%1 上：
  NODE_RANK=k MASTER_ADDR=ADDRESS %2
</translation>
    </message>
    <message>
        <source>
which runs:
  </source>
        <translation>
它运行：
  </translation>
    </message>
    <message>
        <source>

On Debian 12 set TORCHRUN=scripts/torchrun (Debian&apos;s torchrun fails on Python 3.11); KDTRAIN names the kdtrain binary.</source>
        <translation>

在 Debian 12 上请设置 TORCHRUN=scripts/torchrun（Debian 自带的 torchrun 在 Python 3.11 下无法运行）；KDTRAIN 指定 kdtrain 程序的位置。</translation>
    </message>
</context>
<context>
    <name>kd::ui::Duration</name>
    <message>
        <source>under a minute</source>
        <translation>不到一分钟</translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation>约 %1 分钟</translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation>约 %1 小时 %2 分钟</translation>
    </message>
</context>
<context>
    <name>kd::ui::EmbeddingView</name>
    <message>
        <source>t-SNE (perplexity 30)</source>
        <translation>t-SNE（困惑度 30）</translation>
    </message>
    <message>
        <source>PCA (instant)</source>
        <translation>PCA（即时）</translation>
    </message>
    <message>
        <source>t-SNE keeps each image&apos;s neighbours together (seconds; seeded, so the same run gives the same map); PCA shows the two directions of largest spread</source>
        <translation>t-SNE 让每张图像的近邻聚在一起（需数秒；有固定种子，同一次运行得到同一张图）；PCA 显示分布最广的两个方向</translation>
    </message>
    <message>
        <source>Images: </source>
        <translation>图像数：</translation>
    </message>
    <message>
        <source>How many test images the maps show, drawn at random (seeded): more take longer</source>
        <translation>图中显示多少张测试图像，随机抽取（有固定种子）：越多越慢</translation>
    </message>
    <message>
        <source>Colour: true class</source>
        <translation>颜色：真实类别</translation>
    </message>
    <message>
        <source>Colour: each model&apos;s prediction</source>
        <translation>颜色：各模型的预测</translation>
    </message>
    <message>
        <source>Colour: outcome (as the gallery)</source>
        <translation>颜色：结果（与图库相同）</translation>
    </message>
    <message>
        <source>What the colours of the points mean; the buttons below show or hide each colour&apos;s points</source>
        <translation>点的颜色代表什么；下方按钮可显示或隐藏每种颜色的点</translation>
    </message>
    <message>
        <source>Clear the choice</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <source>Drag a rectangle on any map to choose images; Esc clears</source>
        <translation>在任一张图上拖出矩形来选择图像；按 Esc 清除</translation>
    </message>
    <message>
        <source>Each model&apos;s map of the test images appears here once a run is finished or opened (File &gt; Inspect).</source>
        <translation>运行完成或打开（文件 &gt; 检查）后，这里会显示每个模型的测试图像分布图。</translation>
    </message>
    <message>
        <source>The maps are computed when this tab is shown.</source>
        <translation>显示此标签页时计算分布图。</translation>
    </message>
    <message>
        <source>Computing the t-SNE maps of %1 images…</source>
        <translation>正在计算 %1 张图像的 t-SNE 图…</translation>
    </message>
    <message>
        <source>Computing the PCA maps…</source>
        <translation>正在计算 PCA 图…</translation>
    </message>
    <message>
        <source>No maps: %1</source>
        <translation>没有分布图：%1</translation>
    </message>
    <message>
        <source>%1 test images; drag a rectangle on a map to choose images, hover a point to see it</source>
        <translation>%1 张测试图像；在图上拖出矩形来选择图像，鼠标停在点上可查看图像</translation>
    </message>
    <message>
        <source>Embedding map %1</source>
        <translation>嵌入分布图 %1</translation>
    </message>
    <message>
        <source>Show or hide these points on every map</source>
        <translation>在所有图上显示或隐藏这些点</translation>
    </message>
    <message>
        <source>No images chosen; the gallery shows them all</source>
        <translation>未选择图像；图库显示全部图像</translation>
    </message>
    <message>
        <source>%1 images chosen; the gallery (Predictions tab) shows only them</source>
        <translation>已选择 %1 张图像；图库（预测标签页）只显示它们</translation>
    </message>
    <message>
        <source>Test image %1: %2. %3 says %4.</source>
        <translation>测试图像 %1：%2。%3 判断为 %4。</translation>
    </message>
    <message>
        <source>Replay the student&apos;s epochs</source>
        <translation>回放学生的各轮</translation>
    </message>
    <message>
        <source>Map the first 1,000 test images, whose features the run recorded after each epoch, and replay how the student&apos;s clusters formed</source>
        <translation>为前 1,000 张测试图像作图（运行在每轮之后记录了它们的特征），回放学生的簇是如何形成的</translation>
    </message>
    <message>
        <source>Replay the student&apos;s map epoch by epoch</source>
        <translation>逐轮回放学生的分布图</translation>
    </message>
    <message>
        <source>Epoch of the student&apos;s map</source>
        <translation>学生分布图的轮次</translation>
    </message>
    <message>
        <source>Student before training</source>
        <translation>训练前的学生</translation>
    </message>
    <message>
        <source>Student after epoch %1</source>
        <translation>第 %1 轮后的学生</translation>
    </message>
</context>
<context>
    <name>kd::ui::EpochPlayer</name>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
</context>
<context>
    <name>kd::ui::ExperimentPanel</name>
    <message>
        <source>%1 parameters, %2 multiply-adds</source>
        <translation>%1 个参数，%2 次乘加</translation>
    </message>
    <message>
        <source>Which images to learn from; Fashion-MNIST ships with the workbench.</source>
        <translation>从哪些图像中学习；Fashion-MNIST 随工作台提供。</translation>
    </message>
    <message>
        <source>The folder that holds the dataset&apos;s files.</source>
        <translation>存放数据集文件的文件夹。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Train on the first N images only (0: all of them); quick demos use a few thousand.</source>
        <translation>只用前 N 张图像训练（0：全部）；快速演示用几千张即可。</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Keep this random fraction of the training images (1: all of them).</source>
        <translation>随机保留这一比例的训练图像（1：全部）。</translation>
    </message>
    <message>
        <source>Image-folder datasets are resized to this many pixels a side.</source>
        <translation>图像文件夹数据集被缩放为边长这么多像素。</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>Read image-folder datasets in grayscale.</source>
        <translation>以灰度读取图像文件夹数据集。</translation>
    </message>
    <message>
        <source>Class numbers (e.g. 3,5) the student never sees in training; they stay in the test set.</source>
        <translation>学生在训练中从不见到的类别编号（如 3,5）；它们仍保留在测试集中。</translation>
    </message>
    <message>
        <source>none, or e.g. 3,5</source>
        <translation>无，或如 3,5</translation>
    </message>
    <message>
        <source>Augment (random shifts and flips)</source>
        <translation>数据增强（随机平移和翻转）</translation>
    </message>
    <message>
        <source>Shift and mirror training images at random; the teacher then runs on every batch.</source>
        <translation>随机平移和镜像训练图像；这时教师需要在每个批次上运行。</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>&amp;Source</source>
        <translation>来源(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation>文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Training images</source>
        <translation>训练图像数(&amp;T)</translation>
    </message>
    <message>
        <source>Fraction &amp;kept</source>
        <translation>保留比例(&amp;K)</translation>
    </message>
    <message>
        <source>Image si&amp;ze</source>
        <translation>图像大小(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Hidden classes</source>
        <translation>隐藏类别(&amp;H)</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>数据集文件夹</translation>
    </message>
    <message>
        <source>Train a teacher here first, load one trained earlier, or use the workbench&apos;s pretrained teacher (it distills at once).</source>
        <translation>先在此训练一个教师，或加载之前训练的教师，或使用工作台的预训练教师（可立即开始蒸馏）。</translation>
    </message>
    <message>
        <source>Train a preset here</source>
        <translation>在此训练预设</translation>
    </message>
    <message>
        <source>Load a file</source>
        <translation>加载文件</translation>
    </message>
    <message>
        <source>Built-in, pretrained</source>
        <translation>内置，已预训练</translation>
    </message>
    <message>
        <source>The teacher&apos;s architecture: trained here, or the one a PyTorch state_dict is loaded into (checkpoints and TorchScript files bring their own).</source>
        <translation>教师的架构：在此训练的，或加载 PyTorch state_dict 所用的架构（检查点和 TorchScript 文件自带架构）。</translation>
    </message>
    <message>
        <source>Edit &amp;layers…</source>
        <translation>编辑层(&amp;L)…</translation>
    </message>
    <message>
        <source>Change the teacher&apos;s architecture layer by layer.</source>
        <translation>逐层修改教师的架构。</translation>
    </message>
    <message>
        <source>How many passes over the training images the teacher gets.</source>
        <translation>教师遍历训练图像的次数。</translation>
    </message>
    <message>
        <source>A workbench checkpoint, a TorchScript module or a PyTorch state_dict.</source>
        <translation>工作台检查点、TorchScript 模块或 PyTorch state_dict。</translation>
    </message>
    <message>
        <source>&amp;Epochs</source>
        <translation>轮数(&amp;E)</translation>
    </message>
    <message>
        <source>F&amp;ile</source>
        <translation>文件(&amp;I)</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>&amp;Teacher</source>
        <translation>教师(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Architecture</source>
        <translation>架构(&amp;A)</translation>
    </message>
    <message>
        <source>Teacher file</source>
        <translation>教师文件</translation>
    </message>
    <message>
        <source>Teachers (*.ckpt *.pt *.pth);;All files (*)</source>
        <translation>教师（*.ckpt *.pt *.pth）;;所有文件（*）</translation>
    </message>
    <message>
        <source>Teacher architecture</source>
        <translation>教师架构</translation>
    </message>
    <message>
        <source>The student&apos;s architecture: a preset to start from, then edit it below.</source>
        <translation>学生的架构：先选一个预设，再在下面编辑。</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>&amp;Student</source>
        <translation>学生(&amp;S)</translation>
    </message>
    <message>
        <source>How much the hard labels count against the teacher&apos;s soft targets.</source>
        <translation>硬标签相对于教师软目标的权重。</translation>
    </message>
    <message>
        <source>How much both distributions are softened before they are compared.</source>
        <translation>两个分布在比较之前被软化的程度。</translation>
    </message>
    <message>
        <source>Then train a no-KD &amp;baseline</source>
        <translation>然后训练无 KD 基线(&amp;B)</translation>
    </message>
    <message>
        <source>After distilling, train the same student on the labels alone (alpha 1), to compare.</source>
        <translation>蒸馏之后，只用标签（alpha 1）训练同样的学生，以作比较。</translation>
    </message>
    <message>
        <source>Distillation</source>
        <translation>蒸馏</translation>
    </message>
    <message>
        <source>&amp;Alpha</source>
        <translation>&amp;Alpha</translation>
    </message>
    <message>
        <source>Te&amp;mperature</source>
        <translation>温度(&amp;M)</translation>
    </message>
    <message>
        <source>The rule that updates the student&apos;s weights after every batch.</source>
        <translation>每个批次之后更新学生权重的规则。</translation>
    </message>
    <message>
        <source>The size of each update step.</source>
        <translation>每次更新的步长。</translation>
    </message>
    <message>
        <source>How the learning rate changes over the epochs.</source>
        <translation>学习率随轮次的变化方式。</translation>
    </message>
    <message>
        <source>A pull of every weight towards zero, against overfitting.</source>
        <translation>把每个权重拉向零，防止过拟合。</translation>
    </message>
    <message>
        <source>How many images each update step looks at (teacher and student).</source>
        <translation>每次更新看多少张图像（教师和学生）。</translation>
    </message>
    <message>
        <source>How many passes over the training images the student gets.</source>
        <translation>学生遍历训练图像的次数。</translation>
    </message>
    <message>
        <source>The same seed, device and threads give the same numbers.</source>
        <translation>相同的种子、设备和线程数会得到相同的结果。</translation>
    </message>
    <message>
        <source>Where training runs: CUDA when this LibTorch has it, else the CPU.</source>
        <translation>训练在哪里运行：LibTorch 支持 CUDA 时用 CUDA，否则用 CPU。</translation>
    </message>
    <message>
        <source>CPU threads for training (0: every core).</source>
        <translation>训练用的 CPU 线程数（0：全部核心）。</translation>
    </message>
    <message>
        <source>all (%1)</source>
        <translation>全部（%1）</translation>
    </message>
    <message>
        <source>Student training</source>
        <translation>学生训练</translation>
    </message>
    <message>
        <source>&amp;Optimizer</source>
        <translation>优化器(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Learning rate</source>
        <translation>学习率(&amp;L)</translation>
    </message>
    <message>
        <source>Sc&amp;hedule</source>
        <translation>学习率计划(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Weight decay</source>
        <translation>权重衰减(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Batch size</source>
        <translation>批大小(&amp;B)</translation>
    </message>
    <message>
        <source>E&amp;pochs</source>
        <translation>轮数(&amp;P)</translation>
    </message>
    <message>
        <source>Se&amp;ed</source>
        <translation>种子(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Device</source>
        <translation>设备(&amp;D)</translation>
    </message>
    <message>
        <source>Th&amp;reads</source>
        <translation>线程数(&amp;R)</translation>
    </message>
    <message>
        <source>hard labels only: no distillation (the baseline)</source>
        <translation>只用硬标签：不蒸馏（基线）</translation>
    </message>
    <message>
        <source>teacher only: the labels are ignored</source>
        <translation>只用教师：忽略标签</translation>
    </message>
    <message>
        <source>half hard labels, half teacher</source>
        <translation>一半硬标签，一半教师</translation>
    </message>
    <message>
        <source>%1% hard labels, %2% teacher</source>
        <translation>%1% 硬标签，%2% 教师</translation>
    </message>
    <message>
        <source>&lt;b&gt;alpha %1&lt;/b&gt;: %2.&lt;br&gt;&lt;b&gt;T %3&lt;/b&gt;: %4.</source>
        <translation>&lt;b&gt;alpha %1&lt;/b&gt;：%2。&lt;br&gt;&lt;b&gt;T %3&lt;/b&gt;：%4。</translation>
    </message>
    <message>
        <source>the teacher&apos;s own probabilities</source>
        <translation>教师自己的概率</translation>
    </message>
    <message>
        <source>softened teacher probabilities; small classes show more</source>
        <translation>软化后的教师概率；小概率类别显示得更多</translation>
    </message>
    <message>
        <source>Reading the dataset…</source>
        <translation>正在读取数据集…</translation>
    </message>
    <message>
        <source>Custom “%1”: </source>
        <translation>自定义“%1”：</translation>
    </message>
    <message>
        <source>Architecture from the checkpoint.</source>
        <translation>架构来自检查点。</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>, %1x smaller than the teacher</source>
        <translation>，比教师小 %1 倍</translation>
    </message>
    <message>
        <source>choose the dataset&apos;s folder</source>
        <translation>请选择数据集文件夹</translation>
    </message>
    <message>
        <source>the dataset cannot be read: %1</source>
        <translation>无法读取数据集：%1</translation>
    </message>
    <message>
        <source>this machine has no device &quot;%1&quot;</source>
        <translation>本机没有设备“%1”</translation>
    </message>
    <message>
        <source>choose the teacher&apos;s file</source>
        <translation>请选择教师文件</translation>
    </message>
    <message>
        <source>the built-in teacher knows Fashion-MNIST only: train or load a teacher for this dataset</source>
        <translation>内置教师只认识 Fashion-MNIST：请为此数据集训练或加载一个教师</translation>
    </message>
    <message>
        <source>hidden classes are numbers from 0 to %1</source>
        <translation>隐藏类别是 0 到 %1 之间的编号</translation>
    </message>
    <message>
        <source>No built-in teacher for this dataset.</source>
        <translation>此数据集没有内置教师。</translation>
    </message>
    <message>
        <source>%1 trained on Fashion-MNIST with the command in docs/experiments.md; %2 of %3 test images right (%4%).</source>
        <translation>%1，用 docs/experiments.md 中的命令在 Fashion-MNIST 上训练；%3 张测试图像中答对 %2 张（%4%）。</translation>
    </message>
    <message>
        <source>&lt;br&gt;Test accuracy %1% (last run).</source>
        <translation>&lt;br&gt;测试准确率 %1%（上次运行）。</translation>
    </message>
    <message>
        <source>Trained on other data: allow it</source>
        <translation>在别的数据上训练：允许</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Only image folders are resized or read in grayscale: this dataset has its own image size and channels.</source>
        <translation>只有图像文件夹会被缩放或按灰度读取：这个数据集有自己的图像尺寸和通道数。</translation>
    </message>
    <message>
        <source>Distill from this teacher even if it was trained on other data (other classes, or no better than chance here); without this such a teacher is refused.</source>
        <translation>即使这个教师是在别的数据上训练的（类别不同，或在这里不比随机猜测好）也用它蒸馏；不勾选时这样的教师会被拒绝。</translation>
    </message>
    <message>
        <source>A teacher trained here learns this dataset: there is no other data to allow.</source>
        <translation>在这里训练的教师学的就是这个数据集：没有别的数据需要允许。</translation>
    </message>
    <message>
        <source>&amp;Labelled images</source>
        <translation>有标签的图像(&amp;L)</translation>
    </message>
    <message>
        <source>The baseline learns from labels alone, and this run keeps none (Labelled images 0): there is nothing to train it on.</source>
        <translation>基线只从标签学习，而这次运行不保留任何标签（有标签的图像为 0）：没有可以训练它的东西。</translation>
    </message>
    <message>
        <source>The arithmetic of every pass, teacher and student, training and evaluation. bfloat16 (mixed) runs convolutions and matrix products in bfloat16 with float32 weights and loss: much faster on a CPU with bfloat16 instructions. Auto chooses bfloat16 where the CPU has them (on a GPU: float32).
This CPU: %1.</source>
        <translation>每一次计算（教师和学生、训练和评估）所用的数值精度。bfloat16（混合）用 bfloat16 做卷积和矩阵乘法，权重和损失仍为 float32：在有 bfloat16 指令的 CPU 上快得多。“自动”在 CPU 有这些指令时选 bfloat16（GPU 上为 float32）。
本机 CPU：%1。</translation>
    </message>
    <message>
        <source>no bfloat16 instructions</source>
        <translation>没有 bfloat16 指令</translation>
    </message>
    <message>
        <source>Precisio&amp;n</source>
        <translation>精度(&amp;N)</translation>
    </message>
    <message>
        <source>Met&amp;hod</source>
        <translation>方法(&amp;H)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2&lt;br&gt;&lt;b&gt;T %3&lt;/b&gt;: %4. Alpha is kd&apos;s: this method weighs its terms with the settings above.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2&lt;br&gt;&lt;b&gt;T %3&lt;/b&gt;：%4。Alpha 属于 kd：此方法用上面的设置给各项加权。</translation>
    </message>
    <message>
        <source>it softens Hinton&apos;s term, which kd_weight 0 leaves out</source>
        <translation>它软化 Hinton 项，而 kd_weight 为 0 时不含此项</translation>
    </message>
</context>
<context>
    <name>kd::ui::FileActions</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open experiment…</source>
        <translation>打开实验(&amp;O)…</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <source>Experiments (*.json)</source>
        <translation>实验（*.json）</translation>
    </message>
    <message>
        <source>&amp;Save experiment as…</source>
        <translation>实验另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>保存实验</translation>
    </message>
    <message>
        <source>&amp;Recent experiments</source>
        <translation>最近的实验(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export plots…</source>
        <translation>导出图表(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;metrics as CSV…</source>
        <translation>导出指标为 CSV(&amp;M)…</translation>
    </message>
    <message>
        <source>Export the student for &amp;PyTorch…</source>
        <translation>导出学生供 PyTorch 使用(&amp;P)…</translation>
    </message>
    <message>
        <source>Export as a &amp;distributed job…</source>
        <translation>导出为分布式作业(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Inspect a finished run…</source>
        <translation>查看已完成的运行(&amp;I)…</translation>
    </message>
    <message>
        <source>Inspect the run folder</source>
        <translation>查看运行文件夹</translation>
    </message>
    <message>
        <source>Open a s&amp;weep…</source>
        <translation>打开扫描(&amp;W)…</translation>
    </message>
    <message>
        <source>Open the sweep folder</source>
        <translation>打开扫描文件夹</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像（*.png）;;PDF 文档（*.pdf）</translation>
    </message>
    <message>
        <source>Plots exported to %1</source>
        <translation>图表已导出到 %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV（*.csv）</translation>
    </message>
    <message>
        <source>Metrics exported to %1</source>
        <translation>指标已导出到 %1</translation>
    </message>
    <message>
        <source>No run has finished an epoch yet: there are no metrics to export.</source>
        <translation>还没有运行完成过一轮：没有可导出的指标。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export the student</source>
        <translation>导出学生</translation>
    </message>
    <message>
        <source>Finish a run first: its student is exported from there.</source>
        <translation>请先完成一次运行：学生从那里导出。</translation>
    </message>
    <message>
        <source>Export the student to</source>
        <translation>将学生导出到</translation>
    </message>
    <message>
        <source>Student exported to %1 (torch.load(&apos;student.pt&apos;); see kd_arch.py)</source>
        <translation>学生已导出到 %1（torch.load(&apos;student.pt&apos;)；参见 kd_arch.py）</translation>
    </message>
    <message>
        <source>Distributed job written to %1 (config.json and launch.sh; see docs/distributed.md)</source>
        <translation>分布式作业已写入 %1（config.json 和 launch.sh；见 docs/distributed.md）</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open experiment</source>
        <translation>无法打开实验</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Cannot save experiment</source>
        <translation>无法保存实验</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>kd::ui::GalleryDelegate</name>
    <message>
        <source>both right</source>
        <translation>都对</translation>
    </message>
    <message>
        <source>teacher right, student wrong</source>
        <translation>教师对，学生错</translation>
    </message>
    <message>
        <source>student right, teacher wrong</source>
        <translation>学生对，教师错</translation>
    </message>
    <message>
        <source>both wrong</source>
        <translation>都错</translation>
    </message>
</context>
<context>
    <name>kd::ui::ImageInsides</name>
    <message>
        <source>&lt;b&gt;Inside each model&lt;/b&gt;: attention of each convolution stage (where its activations are strongest), then the %1 test images nearest to this one by the model&apos;s embedding (✓ same class, ✗ another)</source>
        <translation>&lt;b&gt;各模型的内部&lt;/b&gt;：每个卷积阶段的注意力（激活最强的位置），以及按模型嵌入与本图最近的 %1 张测试图像（✓ 同类，✗ 异类）</translation>
    </message>
    <message>
        <source>Available when the run has finished.</source>
        <translation>运行结束后可用。</translation>
    </message>
    <message>
        <source>Computing… (the first image takes every model&apos;s features)</source>
        <translation>计算中…（第一张图像需要先计算每个模型的特征）</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>不可用：%1</translation>
    </message>
    <message>
        <source>Test image %1: %2</source>
        <translation>测试图像 %1：%2</translation>
    </message>
    <message>
        <source>Stage %1 (%2 x %3)</source>
        <translation>阶段 %1（%2 x %3）</translation>
    </message>
</context>
<context>
    <name>kd::ui::InspectionPanel</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>意见不一</translation>
    </message>
    <message>
        <source>Student wrong, teacher right</source>
        <translation>学生错，教师对</translation>
    </message>
    <message>
        <source>Student right, teacher wrong</source>
        <translation>学生对，教师错</translation>
    </message>
    <message>
        <source>Both wrong</source>
        <translation>都错</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <source>%1 of %2 images</source>
        <translation>%1 / %2 张图像</translation>
    </message>
    <message>
        <source>Images the teacher gets right and the student does not: what the student has not learned (yet). Alt+3</source>
        <translation>教师答对而学生答错的图像：学生（还）没学会的东西。Alt+3</translation>
    </message>
    <message>
        <source>Order: test index</source>
        <translation>排序：测试编号</translation>
    </message>
    <message>
        <source>Order: largest KL first</source>
        <translation>排序：KL 最大的在前</translation>
    </message>
    <message>
        <source>Order: least confident student</source>
        <translation>排序：学生最不自信的在前</translation>
    </message>
    <message>
        <source>Order: most confident student</source>
        <translation>排序：学生最自信的在前</translation>
    </message>
    <message>
        <source>KL(teacher ‖ student) at the run&apos;s temperature: how far the student is from the teacher&apos;s softened distribution on that image</source>
        <translation>运行温度下的 KL(教师 ‖ 学生)：在该图像上学生与教师软化分布的差距</translation>
    </message>
    <message>
        <source>Replay how the student&apos;s predictions changed, epoch by epoch</source>
        <translation>逐轮回放学生预测的变化</translation>
    </message>
    <message>
        <source>Epoch of the student shown (arrow keys, or Alt+Left / Alt+Right)</source>
        <translation>所显示学生的轮次（方向键，或 Alt+左 / Alt+右）</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>The student&apos;s predictions appear here after each epoch of distillation.</source>
        <translation>每轮蒸馏后，学生的预测会显示在这里。</translation>
    </message>
    <message>
        <source>Finished run: all %1 test images</source>
        <translation>已完成的运行：全部 %1 张测试图像</translation>
    </message>
    <message>
        <source>%1 · probe set: the first %2 test images</source>
        <translation>%1 · 探查集：前 %2 张测试图像</translation>
    </message>
    <message>
        <source>Student before training</source>
        <translation>训练前的学生</translation>
    </message>
    <message>
        <source>Student after epoch %1 of %2</source>
        <translation>第 %1/%2 轮后的学生</translation>
    </message>
    <message>
        <source>Any true class</source>
        <translation>任意真实类别</translation>
    </message>
    <message>
        <source>Any prediction</source>
        <translation>任意预测</translation>
    </message>
    <message>
        <source>True: %1 (never seen by the student)</source>
        <translation>真实：%1（学生从未见过）</translation>
    </message>
    <message>
        <source>True: %1</source>
        <translation>真实：%1</translation>
    </message>
    <message>
        <source>Student says: %1</source>
        <translation>学生认为：%1</translation>
    </message>
    <message>
        <source>Teacher says: %1</source>
        <translation>教师认为：%1</translation>
    </message>
    <message>
        <source>Show every image again (the choice stays on the Embeddings tab)</source>
        <translation>重新显示全部图像（选择仍保留在嵌入标签页）</translation>
    </message>
    <message>
        <source>Chosen on the map: %1 ✕</source>
        <translation>图上选择：%1 ✕</translation>
    </message>
</context>
<context>
    <name>kd::ui::LabelledField</name>
    <message>
        <source>%1 a class</source>
        <translation>每类 %1 张</translation>
    </message>
    <message>
        <source>%1 to %2 a class</source>
        <translation>每类 %1 到 %2 张</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>How many training images keep their label, drawn evenly from every class (all: every image; 0: none, the student learns from the teacher alone). The others are learnt from the teacher&apos;s answers.</source>
        <translation>保留标签的训练图像数量，从每个类别均匀抽取（全部：每张图像；0：不保留，学生只从教师学习）。其余图像从教师的答案中学习。</translation>
    </message>
    <message>
        <source>Reading the dataset…</source>
        <translation>正在读取数据集…</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Every one of the %1 images keeps its label.</source>
        <translation>全部 %1 张图像都保留标签。</translation>
    </message>
    <message>
        <source>No label: the student learns from the teacher&apos;s answers alone.</source>
        <translation>没有标签：学生只从教师的答案中学习。</translation>
    </message>
    <message>
        <source>%1 of %2 images keep their label (%3); the teacher labels the rest.</source>
        <translation>%2 张图像中有 %1 张保留标签（%3）；其余由教师标注。</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1：%3 张中的 %2 张</translation>
    </message>
</context>
<context>
    <name>kd::ui::MainWindow</name>
    <message>
        <source>KD Workbench</source>
        <translation>KD 工作台</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Confusion matrices</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>模型卡</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Cannot inspect the run: </source>
        <translation>无法查看该运行：</translation>
    </message>
    <message>
        <source>Cannot inspect the run</source>
        <translation>无法查看该运行</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Resume the stopped run</source>
        <translation>继续已停止的运行</translation>
    </message>
    <message>
        <source>Continue the last stopped run from its last finished epoch (Ctrl+Shift+R)</source>
        <translation>从上次停止的运行的最后完成轮次继续（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;weep…</source>
        <translation>扫描(&amp;W)…</translation>
    </message>
    <message>
        <source>Repeat the experiment over seeds and settings, with a results table</source>
        <translation>在多个种子和设置上重复实验，并给出结果表</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>演示(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen, large fonts and thick curves for a classroom projector; the experiment and log fold away (F11 again to leave)</source>
        <translation>全屏、大字体、粗曲线，适合教室投影仪；实验和日志面板收起（再按 F11 退出）</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The workbench shows the new language when it starts again. Restart it now?</source>
        <translation>工作台重新启动后显示新的语言。现在重新启动吗？</translation>
    </message>
    <message>
        <source>Train the teacher (if needed) and distill the student (Ctrl+R)</source>
        <translation>训练教师（如需要）并蒸馏学生（Ctrl+R）</translation>
    </message>
    <message>
        <source>Cannot start: </source>
        <translation>无法开始：</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <source>%1: %2, alpha %3, T %4</source>
        <translation>%1：%2，alpha %3，T %4</translation>
    </message>
    <message>
        <source>Stop training?</source>
        <translation>停止训练？</translation>
    </message>
    <message>
        <source>Error: </source>
        <translation>错误：</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>Stop the run and quit? Its last finished epoch is kept.</source>
        <translation>停止运行并退出？最后完成的一轮会被保留。</translation>
    </message>
    <message>
        <source>Stop this run? Its last finished epoch stays in
%1
and kdtrain --resume can continue it.</source>
        <translation>停止本次运行？最后完成的一轮保存在
%1
中，可用 kdtrain --resume 继续。</translation>
    </message>
    <message>
        <source>%1 Results in %2</source>
        <translation>%1 结果位于 %2</translation>
    </message>
    <message>
        <source>%1: %2, %3, T %4</source>
        <translation>%1：%2，%3，T %4</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>嵌入</translation>
    </message>
</context>
<context>
    <name>kd::ui::MethodField</name>
    <message>
        <source>Range %1 to %2, default %3.</source>
        <translation>范围 %1 到 %2，默认 %3。</translation>
    </message>
</context>
<context>
    <name>kd::ui::ModelCard</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Hidden class</source>
        <translation>隐藏类别</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Student, corrected</source>
        <translation>学生（校正后）</translation>
    </message>
    <message>
        <source>Bias shift</source>
        <translation>偏置调整量</translation>
    </message>
    <message>
        <source>Baseline (no KD)</source>
        <translation>基线（无 KD）</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>parameters (log scale)</source>
        <translation>参数（对数坐标）</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>&lt;b&gt;Classes the student never saw&lt;/b&gt; (test accuracy on their images): the student learned them from the teacher&apos;s soft answers alone. Corrected: its output bias for the class raised until it predicts the class as often as the teacher on 10,000 training images (no labels used); the exported student.pt is the corrected one.</source>
        <translation>&lt;b&gt;学生从未见过的类别&lt;/b&gt;（在这些类别图像上的测试准确率）：学生只从教师的软答案中学到了它们。校正后：提高学生对该类别的输出偏置，直到它在 10,000 张训练图像上预测该类别的频率与教师相同（不使用标签）；导出的 student.pt 是校正后的学生。</translation>
    </message>
    <message>
        <source>Hidden classes</source>
        <translation>隐藏类别</translation>
    </message>
    <message>
        <source>Finish a run to compare the models.</source>
        <translation>完成一次运行后即可比较模型。</translation>
    </message>
    <message>
        <source>The teacher was no better than chance on this test set; the run allowed it (teacher.allow_other_data).</source>
        <translation>教师在这个测试集上不比随机猜测好；本次运行允许了它（teacher.allow_other_data）。</translation>
    </message>
    <message>
        <source>The teacher was trained on other data (%1); the run allowed it (teacher.allow_other_data).</source>
        <translation>教师是在别的数据上训练的（%1）；本次运行允许了它（teacher.allow_other_data）。</translation>
    </message>
    <message>
        <source>Test
accuracy</source>
        <translation>测试
准确率</translation>
    </message>
    <message>
        <source>Multiply-adds
/ image</source>
        <translation>乘加次数
/ 图像</translation>
    </message>
    <message>
        <source>Weights
(float32)</source>
        <translation>权重
(float32)</translation>
    </message>
    <message>
        <source>Latency
/ image</source>
        <translation>延迟
/ 图像</translation>
    </message>
    <message>
        <source>No label used: the student learned from the teacher&apos;s answers alone.</source>
        <translation>没有使用标签：学生只从教师的答案中学习。</translation>
    </message>
    <message>
        <source>Labels used: %1 of the %2 training images; the teacher&apos;s answers taught the rest.</source>
        <translation>使用的标签：%2 张训练图像中的 %1 张；其余由教师的答案来教。</translation>
    </message>
    <message>
        <source>The baseline learned from the same %1 labelled images alone, for as many steps (%2).</source>
        <translation>基线只从同样的 %1 张有标签图像学习，训练步数相同（%2 步）。</translation>
    </message>
    <message>
        <source>Student (KD)</source>
        <translation>学生（KD）</translation>
    </message>
    <message>
        <source>Latency: one image at a time (batch of 1), median of 25 runs after a warm-up, on the run&apos;s device (the CPU when this computer does not have it); the baseline&apos;s is the student&apos;s network. File: the teacher&apos;s checkpoint (with optimiser state when trained here) and the student&apos;s exported student.pt.</source>
        <translation>延迟：一次一张图像（批大小 1），预热后 25 次运行的中位数，在运行所用的设备上测量（本机没有该设备时用 CPU）；基线的延迟即学生网络的延迟。文件：教师的检查点（在这里训练时含优化器状态）和学生导出的 student.pt。</translation>
    </message>
    <message>
        <source>%1 ms
%2</source>
        <translation>%1 毫秒
%2</translation>
    </message>
    <message>
        <source>bfloat16 (mixed precision)</source>
        <translation>bfloat16（混合精度）</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>no bfloat16 instructions</source>
        <translation>没有 bfloat16 指令</translation>
    </message>
    <message>
        <source>Arithmetic: %1; the CPU offered %2.</source>
        <translation>数值精度：%1；CPU 提供：%2。</translation>
    </message>
</context>
<context>
    <name>kd::ui::ModelNames</name>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Distilled student</source>
        <translation>蒸馏后的学生</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>No-KD baseline</source>
        <translation>无 KD 基线</translation>
    </message>
</context>
<context>
    <name>kd::ui::PredictionDetail</name>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Click an image in the gallery to see both models&apos; probabilities.</source>
        <translation>点击图库中的图像，查看两个模型的概率。</translation>
    </message>
    <message>
        <source>Temperature T of the softened distributions: softmax(logits / T). Higher T flattens them and shows the teacher&apos;s &apos;dark knowledge&apos;: how alike it finds the wrong classes.</source>
        <translation>软化分布的温度 T：softmax(logits / T)。T 越高分布越平，越能显出教师的“暗知识”：它认为各个错误类别有多相像。</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Run&apos;s T</source>
        <translation>运行的 T</translation>
    </message>
    <message>
        <source>Back to the temperature the student was distilled at</source>
        <translation>回到学生蒸馏时所用的温度</translation>
    </message>
    <message>
        <source>&lt;b&gt;Grad-CAM&lt;/b&gt;: where each model looks for its prediction</source>
        <translation>&lt;b&gt;Grad-CAM&lt;/b&gt;：每个模型做出预测时关注的位置</translation>
    </message>
    <message>
        <source> · student after epoch %1 of %2</source>
        <translation> · 第 %1/%2 轮后的学生</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test image %1&lt;/b&gt; · true class &lt;b&gt;%2&lt;/b&gt; · &lt;span style=&apos;color:%3&apos;&gt;%4&lt;/span&gt;%5</source>
        <translation>&lt;b&gt;测试图像 %1&lt;/b&gt; · 真实类别 &lt;b&gt;%2&lt;/b&gt; · &lt;span style=&apos;color:%3&apos;&gt;%4&lt;/span&gt;%5</translation>
    </message>
    <message>
        <source>At T = 1 (what each model predicts)</source>
        <translation>T = 1 时（每个模型的预测）</translation>
    </message>
    <message>
        <source> (the run&apos;s)</source>
        <translation>（本次运行的）</translation>
    </message>
    <message>
        <source>Softened at T = %1</source>
        <translation>在 T = %1 下软化</translation>
    </message>
    <message>
        <source>%1, for
“%2”</source>
        <translation>%1，针对
“%2”</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>Available when the run has finished.</source>
        <translation>运行结束后可用。</translation>
    </message>
</context>
<context>
    <name>kd::ui::PredictionModel</name>
    <message>
        <source>Test image %1: %2. Teacher: %3 %4. Student: %5 %6.</source>
        <translation>测试图像 %1：%2。教师：%3 %4。学生：%5 %6。</translation>
    </message>
    <message>
        <source>
KL(teacher || student) at T = %1: %2</source>
        <translation>
KL(教师 || 学生)，T = %1：%2</translation>
    </message>
</context>
<context>
    <name>kd::ui::PresentationMode</name>
    <message>
        <source>Presentation status</source>
        <translation>演示状态</translation>
    </message>
    <message>
        <source>%1 · epoch %2 of %3 (%4%)</source>
        <translation>%1 · 第 %2/%3 轮（%4%）</translation>
    </message>
    <message>
        <source>%1 test accuracy %2%</source>
        <translation>%1测试准确率 %2%</translation>
    </message>
    <message>
        <source>teacher&apos;s</source>
        <translation>教师的</translation>
    </message>
    <message>
        <source>student&apos;s</source>
        <translation>学生的</translation>
    </message>
    <message>
        <source>%1 · epoch %2 of %3 done · test accuracy %4%</source>
        <translation>%1 · 第 %2/%3 轮完成 · 测试准确率 %4%</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
</context>
<context>
    <name>kd::ui::RepresentationView</name>
    <message>
        <source>&lt;b&gt;Inside the models.&lt;/b&gt; Retrieval: each test image&apos;s nearest images by the model&apos;s embedding, right when of its class. Below: linear CKA of the stages on 1,000 test images (1: alike up to rotation and scale).</source>
        <translation>&lt;b&gt;模型内部。&lt;/b&gt;检索：按模型嵌入找出每张测试图像的最近图像，与其同类即为正确。下方：在 1,000 张测试图像上各阶段的线性 CKA（1：在旋转和缩放意义下相同）。</translation>
    </message>
    <message>
        <source>R@1</source>
        <translation>R@1</translation>
    </message>
    <message>
        <source>R@5</source>
        <translation>R@5</translation>
    </message>
    <message>
        <source>mAP</source>
        <translation>mAP</translation>
    </message>
    <message>
        <source>Recall@1: how often the nearest image is of the same class</source>
        <translation>Recall@1：最近的图像与其同类的比例</translation>
    </message>
    <message>
        <source>Recall@5: how often one of the 5 nearest images is of the same class</source>
        <translation>Recall@5：最近的 5 张图像中有同类图像的比例</translation>
    </message>
    <message>
        <source>Mean average precision: how high the same class&apos;s images rank, all of them</source>
        <translation>平均精度均值：同类的全部图像排得有多靠前</translation>
    </message>
    <message>
        <source>Same-class retrieval</source>
        <translation>同类检索</translation>
    </message>
    <message>
        <source>Teacher stage ↓ ×
student stage →</source>
        <translation>教师阶段 ↓ ×
学生阶段 →</translation>
    </message>
    <message>
        <source>Teacher stage ↓ ×
baseline stage →</source>
        <translation>教师阶段 ↓ ×
基线阶段 →</translation>
    </message>
    <message>
        <source>Shown once a run is finished or opened.</source>
        <translation>运行完成或打开后显示。</translation>
    </message>
    <message>
        <source>Computing every model&apos;s features on the test set…</source>
        <translation>正在计算每个模型在测试集上的特征…</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>不可用：%1</translation>
    </message>
    <message>
        <source>No layer similarity: the teacher is a TorchScript file, whose layers are unknown.</source>
        <translation>没有层相似度：教师是 TorchScript 文件，其层结构未知。</translation>
    </message>
</context>
<context>
    <name>kd::ui::RunInspection</name>
    <message>
        <source>Cannot inspect %1: %2</source>
        <translation>无法查看 %1：%2</translation>
    </message>
    <message>
        <source>Computing both models&apos; predictions on every test image of %1…</source>
        <translation>正在计算两个模型对 %1 中每张测试图像的预测…</translation>
    </message>
    <message>
        <source>Predictions of both models on all %1 test images are in the Predictions tab (Ctrl+2).</source>
        <translation>两个模型对全部 %1 张测试图像的预测在“预测”标签页中（Ctrl+2）。</translation>
    </message>
</context>
<context>
    <name>kd::ui::RunSession</name>
    <message>
        <source>Reusing the teacher trained before: </source>
        <translation>复用之前训练的教师：</translation>
    </message>
    <message>
        <source>Run folder: </source>
        <translation>运行文件夹：</translation>
    </message>
    <message>
        <source>Training the no-KD baseline: the same student, alpha 1.</source>
        <translation>正在训练无 KD 基线：同一个学生，alpha 1。</translation>
    </message>
    <message>
        <source>Could not record the baseline in summary.json: </source>
        <translation>无法把基线记入 summary.json：</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>正在继续 %1</translation>
    </message>
    <message>
        <source>Stopped; checkpoints kept in %1</source>
        <translation>已停止；检查点保存在 %1</translation>
    </message>
    <message>
        <source>No no-KD baseline: this run keeps no label to learn from.</source>
        <translation>没有无 KD 基线：这次运行没有保留可供学习的标签。</translation>
    </message>
    <message>
        <source>Training the no-KD baseline: the same student on the labelled images alone, for as many steps.</source>
        <translation>正在训练无 KD 基线：同一个学生只用有标签的图像训练，步数相同。</translation>
    </message>
</context>
<context>
    <name>kd::ui::RunStatus</name>
    <message>
        <source>Ready: press Start (Ctrl+R) to train the teacher, then distill the student.</source>
        <translation>就绪：按“开始”（Ctrl+R）先训练教师，再蒸馏学生。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Starting: %1</source>
        <translation>正在启动：%1</translation>
    </message>
    <message>
        <source>%1 · epoch %2/%3 · batch %4/%5 · %6 images/s · ETA %7</source>
        <translation>%1 · 第 %2/%3 轮 · 批次 %4/%5 · 每秒 %6 张 · 预计剩余 %7</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>当前批次结束后停止…</translation>
    </message>
    <message>
        <source>Stopped. Run &gt; Resume the stopped run continues from the last finished epoch.</source>
        <translation>已停止。运行 &gt; 继续已停止的运行 会从最后完成的一轮继续。</translation>
    </message>
    <message>
        <source>Stopped before the first epoch finished: nothing to resume.</source>
        <translation>在第一轮完成前停止：没有可继续的内容。</translation>
    </message>
    <message>
        <source>Training failed: </source>
        <translation>训练失败：</translation>
    </message>
    <message>
        <source>Teacher %1%, student %2% test accuracy; agreement %3%; %4 on %5.</source>
        <translation>教师 %1%，学生 %2% 测试准确率；一致率 %3%；用时 %4，设备 %5。</translation>
    </message>
    <message>
        <source>Finished. </source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Distilled student %1%, the same student without the teacher %2%.</source>
        <translation>蒸馏后的学生 %1%，不用教师训练的同一学生 %2%。</translation>
    </message>
    <message>
        <source>n/a (no label)</source>
        <translation>无（没有标签）</translation>
    </message>
    <message>
        <source>%1 epoch %2/%3: loss %4, train %5, test %6% (%7 s)</source>
        <translation>%1 第 %2/%3 轮：损失 %4，训练 %5，测试 %6%（%7 秒）</translation>
    </message>
</context>
<context>
    <name>kd::ui::StartupRequest</name>
    <message>
        <source>there is no file or folder %1</source>
        <translation>没有文件或文件夹 %1</translation>
    </message>
    <message>
        <source>%1 is neither a finished run (it has no summary.json) nor a sweep folder (no sweep.json)</source>
        <translation>%1 既不是已完成的运行（没有 summary.json），也不是扫描文件夹（没有 sweep.json）</translation>
    </message>
    <message>
        <source>cannot open the experiment %1: %2</source>
        <translation>无法打开实验 %1：%2</translation>
    </message>
</context>
<context>
    <name>kd::ui::SweepActions</name>
    <message>
        <source>Sweep folder: </source>
        <translation>扫描文件夹：</translation>
    </message>
    <message>
        <source>Cannot open the sweep %1: %2</source>
        <translation>无法打开扫描 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open the sweep</source>
        <translation>无法打开扫描</translation>
    </message>
    <message>
        <source>Continue the sweep?</source>
        <translation>继续扫描？</translation>
    </message>
    <message>
        <source>This sweep has runs left. Continue it now? Finished runs are kept; an interrupted run continues from its last finished epoch.</source>
        <translation>这次扫描还有未完成的运行。现在继续吗？已完成的运行会被保留；被中断的运行从最后完成的一轮继续。</translation>
    </message>
    <message>
        <source>Continuing the sweep in %1</source>
        <translation>继续扫描：%1</translation>
    </message>
</context>
<context>
    <name>kd::ui::SweepDialog</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Alpha (weight of the labels)</source>
        <translation>Alpha（标签的权重）</translation>
    </message>
    <message>
        <source>Temperature T</source>
        <translation>温度 T</translation>
    </message>
    <message>
        <source>Student preset</source>
        <translation>学生预设</translation>
    </message>
    <message>
        <source>Student learning rate</source>
        <translation>学生学习率</translation>
    </message>
    <message>
        <source>Student epochs</source>
        <translation>学生轮数</translation>
    </message>
    <message>
        <source>Training images (first N)</source>
        <translation>训练图像数（前 N 张）</translation>
    </message>
    <message>
        <source>Teacher epochs</source>
        <translation>教师轮数</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Runs the experiment in the panel once for every combination of the values below and every seed, one run after another. Teachers and baselines that would be identical are trained once.</source>
        <translation>对下面各取值的每种组合和每个种子，依次运行面板中的实验各一次。完全相同的教师和基线只训练一次。</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Values (comma-separated)</source>
        <translation>取值（逗号分隔）</translation>
    </message>
    <message>
        <source>Setting %1</source>
        <translation>设置 %1</translation>
    </message>
    <message>
        <source>Values of setting %1</source>
        <translation>设置 %1 的取值</translation>
    </message>
    <message>
        <source>Seeds 1..N: each point is trained N times; intervals need 2 or more</source>
        <translation>种子 1..N：每个设置点训练 N 次；区间需要至少 2 次</translation>
    </message>
    <message>
        <source>Also train the no-KD &amp;baseline for each seed (paired)</source>
        <translation>为每个种子同时训练无 KD 基线（配对）(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Repeats (seeds):</source>
        <translation>重复次数（种子）(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Start the sweep</source>
        <translation>开始扫描(&amp;S)</translation>
    </message>
    <message>
        <source>Give values for “%1”.</source>
        <translation>请为“%1”给出取值。</translation>
    </message>
    <message>
        <source>“%1” is chosen twice.</source>
        <translation>“%1”被选了两次。</translation>
    </message>
    <message>
        <source>%1 × %2: &lt;b&gt;%3 training runs&lt;/b&gt;</source>
        <translation>%1 × %2：&lt;b&gt;%3 次训练&lt;/b&gt;</translation>
    </message>
    <message>
        <source>1 point</source>
        <translation>1 个设置点</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 个设置点</translation>
    </message>
    <message>
        <source>1 seed</source>
        <translation>1 个种子</translation>
    </message>
    <message>
        <source>%1 seeds</source>
        <translation>%1 个种子</translation>
    </message>
    <message>
        <source>, %1 at the last run&apos;s %2 s each.</source>
        <translation>，按上次运行每次 %2 秒计约需 %1。</translation>
    </message>
    <message>
        <source>. The time per run is shown once the first run has finished.</source>
        <translation>。第一次运行结束后显示每次运行所需时间。</translation>
    </message>
    <message>
        <source>Labelled images (or all)</source>
        <translation>有标签的图像（或全部）</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Distillation method</source>
        <translation>蒸馏方法</translation>
    </message>
</context>
<context>
    <name>kd::ui::SweepSession</name>
    <message>
        <source>Cannot continue the sweep: </source>
        <translation>无法继续扫描：</translation>
    </message>
    <message>
        <source>Sweep run %1 of %2: %3, seed %4</source>
        <translation>扫描第 %1/%2 次运行：%3，种子 %4</translation>
    </message>
    <message>
        <source>, no-KD baseline</source>
        <translation>，无 KD 基线</translation>
    </message>
    <message>
        <source> (kept or resumed)</source>
        <translation>（保留或续跑）</translation>
    </message>
    <message>
        <source>, sweep ETA </source>
        <translation>，扫描预计剩余 </translation>
    </message>
    <message>
        <source>Sweep %1: %2 of %3 runs done%4; results in %1/results.csv</source>
        <translation>扫描 %1：已完成 %2/%3 次运行%4；结果在 %1/results.csv</translation>
    </message>
    <message>
        <source> (stopped: File &gt; Open a sweep continues it)</source>
        <translation>（已停止：文件 &gt; 打开扫描 可继续）</translation>
    </message>
</context>
<context>
    <name>kd::ui::SweepTableModel</name>
    <message>
        <source>Point</source>
        <translation>设置点</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Student %</source>
        <translation>学生 %</translation>
    </message>
    <message>
        <source>Baseline %</source>
        <translation>基线 %</translation>
    </message>
    <message>
        <source>KD − baseline</source>
        <translation>KD − 基线</translation>
    </message>
    <message>
        <source>KD won</source>
        <translation>KD 胜出</translation>
    </message>
    <message>
        <source>Agreement %</source>
        <translation>一致率 %</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>MACs/image</source>
        <translation>每张图像乘加数</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>耗时（秒）</translation>
    </message>
    <message>
        <source>The best point: highest mean student accuracy</source>
        <translation>最佳设置点：学生平均准确率最高</translation>
    </message>
    <message>
        <source>
The best point</source>
        <translation>
最佳设置点</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>kd::ui::SweepView</name>
    <message>
        <source>Click a header to sort; double-click a row to open its median seed&apos;s run</source>
        <translation>点击表头排序；双击一行打开其中位数种子的运行</translation>
    </message>
    <message>
        <source>Filter rows (any column)</source>
        <translation>筛选行（任意列）</translation>
    </message>
    <message>
        <source>Student accuracy</source>
        <translation>学生准确率</translation>
    </message>
    <message>
        <source>KD − baseline</source>
        <translation>KD − 基线</translation>
    </message>
    <message>
        <source>Baseline accuracy</source>
        <translation>基线准确率</translation>
    </message>
    <message>
        <source>Export table as CSV…</source>
        <translation>导出表格为 CSV…</translation>
    </message>
    <message>
        <source>The run of the current row to open in the Predictions, Confusion and Model card tabs</source>
        <translation>在“预测”“混淆矩阵”和“模型卡”标签页中打开的当前行运行</translation>
    </message>
    <message>
        <source>&amp;Open seed</source>
        <translation>打开种子(&amp;O)</translation>
    </message>
    <message>
        <source>No sweep yet: Run &gt; Sweep… starts one, File &gt; Open a sweep… shows a finished one.</source>
        <translation>还没有扫描：运行 &gt; 扫描… 开始一次扫描，文件 &gt; 打开扫描… 显示已完成的扫描。</translation>
    </message>
    <message>
        <source>student epoch</source>
        <translation>学生轮次</translation>
    </message>
    <message>
        <source>test accuracy (%)</source>
        <translation>测试准确率（%）</translation>
    </message>
    <message>
        <source>The selected rows: mean over seeds, band from lowest to highest seed</source>
        <translation>所选的行：各种子的平均值，色带从最低到最高的种子</translation>
    </message>
    <message>
        <source>Plot:</source>
        <translation>绘图：</translation>
    </message>
    <message>
        <source>%1: %2 of %3 runs done%4. Intervals are 95% (Student&apos;s t over seeds); KD − baseline is paired by seed.</source>
        <translation>%1：已完成 %2/%3 次运行%4。区间为 95%（按种子的 Student t 分布）；KD − 基线按种子配对。</translation>
    </message>
    <message>
        <source> (open it again to continue)</source>
        <translation>（再次打开即可继续）</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <source> (median)</source>
        <translation>（中位数）</translation>
    </message>
    <message>
        <source>Seed %1 of point %2 (%3 seeds): student %4%</source>
        <translation>设置点 %2 的种子 %1（共 %3 个种子）：学生 %4%</translation>
    </message>
    <message>
        <source>, baseline %1%, KD − baseline %2 points (95% interval), KD won %3 of %4</source>
        <translation>，基线 %1%，KD − 基线 %2 个百分点（95% 区间），KD 在 %4 次中胜出 %3 次</translation>
    </message>
    <message>
        <source>point</source>
        <translation>设置点</translation>
    </message>
    <message>
        <source> (%), 95% interval</source>
        <translation>（%），95% 置信区间</translation>
    </message>
    <message>
        <source>Export the sweep&apos;s table</source>
        <translation>导出扫描结果表</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV（*.csv）</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2</source>
        <translation>无法把 %1 复制到 %2</translation>
    </message>
</context>
<context>
    <name>kd::ui::TrainingController</name>
    <message>
        <source>training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>training failed with an unknown error</source>
        <translation>训练因未知错误而失败</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Training the teacher</source>
        <translation>正在训练教师</translation>
    </message>
    <message>
        <source>Distilling the student</source>
        <translation>正在蒸馏学生</translation>
    </message>
</context>
<context>
    <name>kdworkbench</name>
    <message>
        <source>KD Workbench: distil a teacher network into a smaller student and see, image by image, what it learned.</source>
        <translation>KD 工作台：把教师网络蒸馏成更小的学生，并逐张图像地查看它学到了什么。</translation>
    </message>
    <message>
        <source>an experiment file (.json) to open, a finished run folder to inspect, or a sweep folder to show</source>
        <translation>要打开的实验文件（.json）、要查看的已完成运行文件夹，或要显示的扫描文件夹</translation>
    </message>
    <message>
        <source>give one path at most (see --help)</source>
        <translation>最多给出一个路径（见 --help）</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
</context>
</TS>
