/*
 * child.c - a helper process for platform_test.exe (Windows only). Modes:
 *   echo               copy stdin to stdout until EOF
 *   stderr <text>      write text to stderr, exit 3
 *   args <a> <b> ...   print each argument on its own line, in brackets
 *   handle <hex>       print "inherited" if the handle value is valid here, else "absent"
 *   tree               start "child sleep", print its pid, then sleep
 *   sleep              sleep for 10 minutes
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static int echo(void) {
    char buf[4096];
    DWORD n = 0, w = 0;
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE), out = GetStdHandle(STD_OUTPUT_HANDLE);
    while (ReadFile(in, buf, sizeof buf, &n, NULL) && n > 0)
        if (!WriteFile(out, buf, n, &w, NULL))
            return 1;
    return 0;
}

static int tree(const char *self) {
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char cmd[MAX_PATH + 16];
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    snprintf(cmd, sizeof cmd, "\"%s\" sleep", self);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
        return 1;
    printf("%lu\n", (unsigned long)pi.dwProcessId);
    fflush(stdout);
    Sleep(600000);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2)
        return 2;
    if (strcmp(argv[1], "echo") == 0)
        return echo();
    if (strcmp(argv[1], "stderr") == 0 && argc > 2) {
        fprintf(stderr, "%s\n", argv[2]);
        return 3;
    }
    if (strcmp(argv[1], "args") == 0) {
        for (int i = 2; i < argc; i++)
            printf("[%s]\n", argv[i]);
        return 0;
    }
    if (strcmp(argv[1], "handle") == 0 && argc > 2) {
        HANDLE h = (HANDLE)(uintptr_t)strtoull(argv[2], NULL, 16);
        DWORD flags = 0;
        printf("%s\n", GetHandleInformation(h, &flags) ? "inherited" : "absent");
        return 0;
    }
    if (strcmp(argv[1], "tree") == 0)
        return tree(argv[0]);
    if (strcmp(argv[1], "sleep") == 0) {
        Sleep(600000);
        return 0;
    }
    return 2;
}
