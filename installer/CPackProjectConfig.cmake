# Read by cpack for each package it makes (CPACK_PROJECT_CONFIG_FILE).
# CPack would put the project's one-line description in front of each
# component's description as the synopsis: each component's first line is
# its own synopsis instead.
unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
