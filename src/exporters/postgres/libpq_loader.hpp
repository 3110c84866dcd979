// libpq, loaded when trackport first talks to a PostgreSQL server rather than when it starts:
// libpq brings gnutls, LDAP and Kerberos, whose initialisers cost every process about 16 ms of
// CPU at load (perf stat of a program linked with libpq and nothing else), paid by each
// conversion of one file whether it used PostgreSQL or not. Only pg_connection.cpp calls libpq.
#pragma once

#include <libpq-fe.h>

namespace trackport::pg {

// The libpq functions trackport calls, X(name) for each.
#define TRACKPORT_LIBPQ_FUNCTIONS(X) \
  X(PQclear)                         \
  X(PQconnectdbParams)               \
  X(PQconninfoFree)                  \
  X(PQconninfoParse)                 \
  X(PQenterPipelineMode)             \
  X(PQerrorMessage)                  \
  X(PQexec)                          \
  X(PQexecPrepared)                  \
  X(PQexitPipelineMode)              \
  X(PQfinish)                        \
  X(PQfreemem)                       \
  X(PQgetResult)                     \
  X(PQgetisnull)                     \
  X(PQgetlength)                     \
  X(PQgetvalue)                      \
  X(PQntuples)                       \
  X(PQpipelineSync)                  \
  X(PQprepare)                       \
  X(PQresultErrorField)              \
  X(PQresultStatus)                  \
  X(PQsendPrepare)                   \
  X(PQsendQueryParams)               \
  X(PQsendQueryPrepared)             \
  X(PQsetNoticeProcessor)            \
  X(PQstatus)

struct Libpq {
#define TRACKPORT_LIBPQ_POINTER(name) decltype(&::name) name = nullptr;
  TRACKPORT_LIBPQ_FUNCTIONS(TRACKPORT_LIBPQ_POINTER)
#undef TRACKPORT_LIBPQ_POINTER
};

// libpq's functions, the library loaded on the first call (libpq.so.5, from Debian's libpq5, which
// libpq-dev depends on). Throws std::runtime_error saying so when it cannot be loaded.
const Libpq& libpq();

}  // namespace trackport::pg
