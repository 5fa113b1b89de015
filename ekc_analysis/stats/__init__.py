"""Pure estimators on arrays and frames. Nothing here knows a Registry or draws a figure."""
