"""One module per `armc` sub-command."""
