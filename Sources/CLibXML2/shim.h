// libxml2 built with ICU pulls in the system ICU headers, whose types clash with the copy
// Foundation carries; the writer and validator never need libxml2's ICU encoders.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemastypes.h>
