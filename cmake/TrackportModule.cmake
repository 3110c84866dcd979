# trackport_module(NAME DIR dir [DEPS targets...] [PRIVATE_DEPS targets...])
# Builds every .cpp in DIR (not its subfolders) into the static library trackport_NAME.
# DEPS are what its headers include (PUBLIC: whoever includes them needs them too);
# PRIVATE_DEPS what only its sources include (still linked into whatever links it).
# A folder with no sources yet becomes an interface library, so layers can be added one by one.
function(trackport_module name)
  cmake_parse_arguments(M "" "DIR" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${M_DIR}/*.cpp)
  if(sources)
    add_library(trackport_${name} STATIC ${sources})
    target_include_directories(trackport_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(trackport_${name} PUBLIC ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS}
                          trackport_warnings)
  else()
    add_library(trackport_${name} INTERFACE)
    target_include_directories(trackport_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(trackport_${name} INTERFACE ${M_DEPS} ${M_PRIVATE_DEPS})
  endif()
endfunction()

# trackport_interface(NAME DEPS targets...): the headers of a folder whose sources belong to a
# library above its users (src/importers/importer.hpp, beside the registry that lists the
# importers): the importers include the header, not the registry.
function(trackport_interface name)
  cmake_parse_arguments(M "" "" "DEPS" ${ARGN})
  add_library(trackport_${name} INTERFACE)
  target_include_directories(trackport_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(trackport_${name} INTERFACE ${M_DEPS})
endfunction()
