"""The one way ``charter test``, ``calibrate`` and ``regrade`` make a judge.

:func:`judge_config` reads the project's ``[judge]`` table; :func:`make_judge` resolves
a ``P/M`` grader in the judge role, with the project's spec context and its provider's
``judge_params`` (a ``[providers.NAME] judge_params`` table is the whole set of
generation parameters: nothing it leaves out, not even ``temperature`` or ``seed``, is
sent). The command-line front ends only parse and print; they call these.
"""

from __future__ import annotations

from charter.config.providers import generation_params
from charter.grade.judge import Judge, JudgeConfig, VerdictCache
from charter.providers import resolve
from charter.spec.model import Project


def judge_config(project: Project) -> JudgeConfig:
    """The project's ``[judge]`` table (defaults when it has none)."""
    table = project.config.section("judge") if project.config is not None else {}
    return JudgeConfig.from_table(table)


def make_judge(
    project: Project,
    config: JudgeConfig,
    grader: str,
    cache: VerdictCache | None,
    *,
    samples: int | None = None,
    compiled_spec: str | None = None,
) -> Judge:
    """The judge ``grader`` (``P/M``) for ``project``; see the module docstring."""
    tables = project.config.section("providers") if project.config is not None else {}
    configured = generation_params(tables, grader, "judge")
    params = None if configured is None else {"temperature": None, "seed": None, **configured}
    return config.make(
        resolve(grader, tables, role="judge"),
        cache,
        project=project,
        params=params,
        samples=samples,
        compiled_spec=compiled_spec,
    )
