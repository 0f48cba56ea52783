"""Every rule, registered on import. `RULES` maps code -> Rule; read rules come first."""

from jtai.validate.rules import checks, read
from jtai.validate.rules.base import RULES, Rule, RuleContext, Stage

__all__ = ["RULES", "Rule", "RuleContext", "Stage", "checks", "read"]
