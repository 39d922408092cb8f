"""``python -m llama_cpp.server`` with llama.cpp's weight repacking turned off; arguments as for the server.

Why: with llama-cpp-python 0.3.36 built on this machine (its CPU has AVX-512 and AMX), the repacked CPU
kernels ("extra buffer types") crash the process with a segmentation fault on the first decode of more than one
token; loading the weights without them works. The server has no option for it, so the default model
parameters are patched (as the llama_cpp provider does) while it runs. Used by the end-to-end LLM tests only.
"""

import runpy

from assistant.answers.llm import without_weight_repacking

with without_weight_repacking():
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)
