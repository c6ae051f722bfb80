"""Benchmarks do estilo (fora da suíte de testes): rode `python -m benchmarks.tutorial --rapido`."""
