# engine/dist/man.cmake: slant's man pages, made from its --help texts.
#
#   cmake -DSLANT=BIN -DOUT=DIR -DWORK=DIR -DVERSION=X.Y.Z [-DHELP2MAN=PATH]
#         [-DINCLUDE=FILE] -P engine/dist/man.cmake
#
# Writes OUT/slant.1, OUT/slant-COMMAND.1 for every command `slant --help`
# lists, and OUT/slant-lexicon-SUB.1 for every subcommand `slant lexicon
# --help` lists, so a new command gets its page without a word here.  With
# help2man (HELP2MAN set and found) the pages are help2man's, with the
# sections of INCLUDE added; without it they are plainer pages written
# here: the name, the synopsis and the --help text as it stands.  WORK
# holds one small script per command for help2man to run.  The build runs
# this with LC_ALL=C.UTF-8 (engine/dist/libslant.cmake).

foreach(var SLANT OUT WORK VERSION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "man.cmake: -D${var}=... is missing")
  endif()
endforeach()
if(HELP2MAN AND NOT EXISTS "${HELP2MAN}")
  set(HELP2MAN "")
endif()

file(MAKE_DIRECTORY ${OUT} ${WORK})
file(GLOB old_pages ${OUT}/*.1)
if(old_pages)
  file(REMOVE ${old_pages})
endif()

# help_text(VAR ARGS...): the output of `slant ARGS... --help`
function(help_text var)
  execute_process(COMMAND ${SLANT} ${ARGN} --help
                  OUTPUT_VARIABLE text ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "man.cmake: `slant ${ARGN} --help` failed (${rc}): ${err}")
  endif()
  set(${var} "${text}" PARENT_SCOPE)
endfunction()

# list_commands(NAMES SUMMARIES TEXT HEADER): the "  NAME  summary" lines
# under the line HEADER ("commands:") of a usage text, up to a blank line
# (a semicolon in a summary becomes a comma: they are list items here).
function(list_commands names_var summaries_var text header)
  string(REPLACE ";" "\\;" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(names "")
  set(summaries "")
  set(inside FALSE)
  foreach(line IN LISTS lines)
    if(line STREQUAL "${header}")
      set(inside TRUE)
    elseif(inside AND line MATCHES "^  ([a-z][a-z0-9-]*)  +(.*)$")
      list(APPEND names ${CMAKE_MATCH_1})
      string(REPLACE "\\;" "," summary "${CMAKE_MATCH_2}")
      list(APPEND summaries "${summary}")
    elseif(inside)
      break()
    endif()
  endforeach()
  set(${names_var} "${names}" PARENT_SCOPE)
  set(${summaries_var} "${summaries}" PARENT_SCOPE)
endfunction()

# roff_escape(VAR TEXT): TEXT as roff input that prints as it stands.
function(roff_escape var text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${var} "${text}" PARENT_SCOPE)
endfunction()

# page(NAME SUMMARY ARGS...): OUT/NAME.1 for `slant ARGS...`.
function(page name summary)
  set(args ${ARGN})
  string(REPLACE ";" " " words "slant;${args}")
  string(REPLACE ";" " " arg_words "${args}")
  if(HELP2MAN)
    set(script ${WORK}/${name})
    file(WRITE ${script} "#!/bin/sh\nexec '${SLANT}' ${arg_words} \"$@\"\n")
    execute_process(COMMAND chmod +x ${script})
    set(include_args "")
    if(INCLUDE)
      set(include_args --include=${INCLUDE})
    endif()
    execute_process(
      COMMAND ${HELP2MAN} --no-info --section=1 --version-string=${VERSION}
              --name=${summary} --manual=slant "--source=slant ${VERSION}" ${include_args}
              --output=${OUT}/${name}.1 ${script}
      RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "man.cmake: help2man failed for `${words}` (${rc}): ${err}")
    endif()
    return()
  endif()
  help_text(text ${args})
  string(TOUPPER "${name}" title)
  roff_escape(text "${text}")
  roff_escape(summary "${summary}")
  roff_escape(synopsis "${words} [OPTION...]")
  roff_escape(roff_name "${name}")
  set(see_also "")
  if(NOT name STREQUAL "slant")
    set(see_also ".SH \"SEE ALSO\"\n.BR slant (1)\n")
  endif()
  file(WRITE ${OUT}/${name}.1
       ".TH ${title} 1 \"\" \"slant ${VERSION}\" \"slant\"\n"
       ".SH NAME\n${roff_name} \\- ${summary}\n"
       ".SH SYNOPSIS\n.B ${synopsis}\n"
       ".SH DESCRIPTION\n.nf\n${text}.fi\n"
       ".SH FILES\n.nf\n"
       "PREFIX/share/slant/lexicons    the bundled lexicons and their codebooks\n"
       "PREFIX/share/slant/corpora     the bundled corpora\n"
       "PREFIX/share/slant/schemas     JSON Schemas of the report and of a score line\n"
       ".fi\n"
       ".SH ENVIRONMENT\n.TP\n.B SLANT_DATA_DIR\n"
       "A folder holding lexicons/ and corpora/ to use instead of the installed data.\n"
       "${see_also}")
endfunction()

help_text(top)
list_commands(commands summaries "${top}" "commands:")
if(NOT commands)
  message(FATAL_ERROR "man.cmake: `slant --help` lists no commands")
endif()
page(slant "stance and bias comparison engine for news text")
set(i 0)
foreach(cmd IN LISTS commands)
  list(GET summaries ${i} summary)
  math(EXPR i "${i} + 1")
  page(slant-${cmd} "${summary}" ${cmd})
  if(cmd STREQUAL "lexicon")
    help_text(lex lexicon)
    list_commands(subs sub_summaries "${lex}" "subcommands:")
    set(j 0)
    foreach(sub IN LISTS subs)
      list(GET sub_summaries ${j} sub_summary)
      math(EXPR j "${j} + 1")
      page(slant-lexicon-${sub} "${sub_summary}" lexicon ${sub})
    endforeach()
  endif()
endforeach()
