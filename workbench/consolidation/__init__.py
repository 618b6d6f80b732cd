"""The consolidated negotiating text: common wording once, disputed spans as attributed options."""
