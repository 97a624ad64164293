"""Token counts: bpe-openai's shipped o200k_base is the encoding tiktoken pins, both count
alike, and the fallback estimate stays within its stated error."""

from __future__ import annotations

import gzip
import hashlib
import importlib.resources
from pathlib import Path

import pytest
import tiktoken
import tiktoken.registry

from charter.compile import compile_prompt, count_tokens, estimate_tokens
from charter.compile.tokens import ESTIMATE_ERROR, TOKENIZER
from charter.spec.loader import load

# tiktoken_ext.openai_public.o200k_base() pins the encoding file by this SHA-256
O200K_SHA256 = "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"
O200K_URL = "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tiktoken.Encoding:
    """tiktoken's own o200k_base (its constructor, split pattern and hash check), fed from
    a cache holding the file bpe-openai ships: tiktoken would download it, and this
    machine may be offline."""
    data = gzip.decompress(
        (importlib.resources.files("bpe_openai.data") / "o200k_base.tiktoken.gz").read_bytes()
    )
    assert hashlib.sha256(data).hexdigest() == O200K_SHA256
    cache = tmp_path_factory.mktemp("tiktoken-cache")
    (cache / hashlib.sha1(O200K_URL.encode()).hexdigest()).write_bytes(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TIKTOKEN_CACHE_DIR", str(cache))
        patch.setattr(tiktoken.registry, "ENCODINGS", {})
        return tiktoken.get_encoding("o200k_base")


def test_counts_agree_with_tiktoken(reference: tiktoken.Encoding, model_spec_dir: Path) -> None:
    text = compile_prompt(load(model_spec_dir / "2025-12-18")).text
    counted = count_tokens(text)
    assert counted.tokenizer == TOKENIZER and counted.exact
    assert counted.count == len(reference.encode_ordinary(text))
    assert count_tokens("Hello, world!").count == len(reference.encode_ordinary("Hello, world!"))


def test_estimate_error_is_what_the_module_says(model_spec_dir: Path) -> None:
    text = compile_prompt(load(model_spec_dir / "2025-12-18")).text
    exact = count_tokens(text).count
    error = abs(estimate_tokens(text) - exact) / exact
    assert error <= ESTIMATE_ERROR, error
    assert error > ESTIMATE_ERROR - 0.02  # the stated figure is the measured one, not slack
