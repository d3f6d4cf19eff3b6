/* Compiler annotations every layer may use. */
#ifndef GV_COMPILER_H
#define GV_COMPILER_H

/* Lets GCC and Clang check a printf-like function's arguments against its
   format: `fmt` is the 1-based index of the format parameter, `first` that
   of the first variadic argument (0 for a va_list function). The one
   definition in lib/ (the CLI, which sees only the public headers, has its
   own in cli/commands.h). */
#if defined(__GNUC__)
#define GV_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define GV_PRINTF(fmt, first)
#endif

#endif
