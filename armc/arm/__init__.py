"""The ARM JSON front-end: real ARM templates into the one template model, with an evaluated view.

Public API (import from the modules; importing `armc.arm` itself stays cheap):

    armc.arm.loader      load_template(path, LoadOptions(...)) -> LoadedTemplate
                         load_document(JsonDocument, ...) -> LoadedTemplate
                         LoadOptions, LoadedTemplate, ParameterUse, Placement,
                         is_template_document
    armc.arm.reader      read_file / read_bytes / read_text -> JsonDocument; OffsetSourceMap;
                         string_offset
    armc.arm.expressions parse_expression(text) -> Node | ExpressionError (memoised);
                         Literal, Call, Property, Index; is_expression, unescape_literal,
                         walk, calls, unparse, grammar_path, lark_parse
    armc.arm.evaluator   Evaluator, ParameterInput
    armc.arm.values      Unknown, EvalError, is_known, first_unknown
    armc.arm.functions   DeploymentContext, FUNCTIONS, unique_string, to_arm_string
    armc.arm.parameters  read_parameters_file, parse_cli_params, check_parameters,
                         SuppliedValue, ParametersFile
    armc.arm.references  link_dependencies (called by the loader)
    armc.arm.codes       every diagnostic code of this front-end (ALL_CODES)
"""
