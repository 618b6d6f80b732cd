"""HTML views of the workbench, one module per part of the domain, thin over the operations."""
