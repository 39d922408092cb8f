"""``python -m llama_cpp.server`` with llama.cpp's weight repacking turned off; arguments as for the server.

Why: with llama-cpp-python 0.3.36 built on this machine (its CPU has AVX-512 and AMX), the repacked CPU
kernels ("extra buffer types") crash the process with a segmentation fault on the first decode of more than one
token; loading the weights without them works. The server has no option for it, so the default model
parameters are patched before it starts. Used by the end-to-end LLM tests only.
"""

import runpy

import llama_cpp.llama_cpp as bindings

_default_params = bindings.llama_model_default_params


def _params_without_repacking():
    params = _default_params()
    params.use_extra_bufts = False
    return params


bindings.llama_model_default_params = _params_without_repacking
runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)
