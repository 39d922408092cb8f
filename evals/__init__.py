"""Answer-quality evals for the findings assistant: dataset, metrics, claim checker, baselines, runner, reports.

Nothing here needs an LLM or the network. ``assistant eval`` runs it (see ``evals/README.md``).
"""
