"""Type stub of the public face: every name ``ekc_analysis.__all__`` lists, for IDEs and mypy.

At run time ``__init__.py`` resolves these names lazily; this file says where each one lives.
"""

from .describe import (
    benchmark as benchmark,
)
from .describe import (
    end_states as end_states,
)
from .describe import (
    execution as execution,
)
from .describe import (
    funnel as funnel,
)
from .describe import (
    plans as plans,
)
from .describe import (
    reference_table as reference_table,
)
from .errors import (
    ArgumentError as ArgumentError,
)
from .errors import (
    EkcError as EkcError,
)
from .errors import (
    PersonalDataWarning as PersonalDataWarning,
)
from .errors import (
    StatisticalWarning as StatisticalWarning,
)
from .errors import (
    ValidationError as ValidationError,
)
from .intake import (
    Registry as Registry,
)
from .intake import (
    load as load,
)
from .intake import (
    load_study as load_study,
)
from .intake import (
    pseudonymise as pseudonymise,
)
from .intake import (
    sample_data as sample_data,
)
from .intake import (
    sample_path as sample_path,
)
from .reporting import report as report
from .results import Result as Result
from .results import get_language as get_language
from .results import set_language as set_language
from .simulate import (
    simulate_cohort as simulate_cohort,
)
from .simulate import (
    simulate_meta as simulate_meta,
)
from .simulate import (
    simulate_registry as simulate_registry,
)
from .simulate import (
    simulate_trial as simulate_trial,
)
from .studies import (
    Imputations as Imputations,
)
from .studies import (
    balance as balance,
)
from .studies import (
    compare as compare,
)
from .studies import (
    compare_many as compare_many,
)
from .studies import (
    compare_waves as compare_waves,
)
from .studies import (
    competing_risks as competing_risks,
)
from .studies import (
    consort as consort,
)
from .studies import (
    costs as costs,
)
from .studies import (
    doubly_robust as doubly_robust,
)
from .studies import (
    e_value as e_value,
)
from .studies import (
    impute as impute,
)
from .studies import (
    meta_analysis as meta_analysis,
)
from .studies import (
    power as power,
)
from .studies import (
    propensity_weights as propensity_weights,
)
from .studies import (
    rate_ratio as rate_ratio,
)
from .studies import (
    survival as survival,
)
from .studies import (
    table_one as table_one,
)
from .studies import (
    tipping_point as tipping_point,
)
from .studies import (
    variance_explained as variance_explained,
)

__version__: str
__all__: list[str]
