"""The three ways to run dedupe, side by side, over one definition of the stages.

`stages.run` is that definition: documents → passage pairs → claims → findings → report,
each stage's per-item work handed to an `Executor`. The engines only decide which
documents go in and where the work runs:

- `local`: `compare(paths)`, every article against every other, in this machine's processes;
- `check`: new articles against a `Store` or folders (only pairs that involve a new article);
- `spark`: `compare(paths)` with Spark executors doing the per-item work.

A new stage is added to `stages.run` once, and every engine runs it.
"""
