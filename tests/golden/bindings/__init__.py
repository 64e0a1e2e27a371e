"""Golden bindings generated from contracts/build by `make golden`. Do not edit by hand."""
