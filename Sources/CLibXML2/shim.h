// libxml2 for the PAXml reader. Debian's headers pull in ICU when LIBXML_ICU_ENABLED is set,
// which clashes with Foundation's own ICU; the reader never needs ICU, so switch it off first.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/SAX2.h>
