// Graphviz's layout and rendering library (libgvc) and graph library (libcgraph), linked
// in-process: AllianceRender never runs the `dot` program.
#include <gvc.h>
#include <cgraph.h>
