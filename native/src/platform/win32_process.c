/*
 * win32_process.c - handler-host processes on Windows (see platform.h): spawn with
 * three pipes and an explicit inherited-handle list, one job object per host, kill,
 * reap, and the program lookup.
 *
 * The handler host runs in a job object created with KILL_ON_JOB_CLOSE, so the host and
 * everything it starts end together: TerminateJobObject for a kill, closing the job when
 * the host has exited. The host inherits exactly its three pipe ends
 * (PROC_THREAD_ATTRIBUTE_HANDLE_LIST), never a handle some other part of RHS made.
 */
#include "platform/platform.h"

#include <stdlib.h>
#include <string.h>
#include <tlhelp32.h>

#include "errors.h"
#include "platform/win32_text.h"
#include "text.h"

/* The stdin pipe holds at least one largest frame (16 + 1 MiB), so a write only
 * blocks when the host has stopped reading for a long while. */
#define STDIN_PIPE_SIZE (1024u * 1024u + 64u * 1024u)
#define OUTPUT_PIPE_SIZE (64u * 1024u)

/* What ck_process has no room for: the process handle and its job, keyed by pid. */
typedef struct child {
    struct child *next;
    long pid;
    HANDLE process;
    HANDLE job;
} child;

static SRWLOCK children_lock = SRWLOCK_INIT;
static child *children;

static HANDLE new_job(void) {
    HANDLE job = CreateJobObjectW(NULL, NULL);
    if (job == NULL)
        return NULL;
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION info;
    memset(&info, 0, sizeof info);
    /* No BREAKAWAY_OK: whatever the host starts stays in the job. DIE_ON_UNHANDLED
     * keeps a crashing host from waiting on an error-reporting dialog. */
    info.BasicLimitInformation.LimitFlags =
        JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION;
    if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation, &info, sizeof info)) {
        CloseHandle(job);
        return NULL;
    }
    return job;
}

/* Three pipes; our ends are not inheritable, the child's ends are. */
static int make_pipes(HANDLE ours[3], HANDLE theirs[3]) {
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    for (int i = 0; i < 3; i++) {
        HANDLE r = NULL, w = NULL;
        if (!CreatePipe(&r, &w, &sa, i == 0 ? STDIN_PIPE_SIZE : OUTPUT_PIPE_SIZE))
            return 0;
        ours[i] = i == 0 ? w : r;
        theirs[i] = i == 0 ? r : w;
        SetHandleInformation(ours[i], HANDLE_FLAG_INHERIT, 0);
    }
    return 1;
}

static void close_all(HANDLE h[3]) {
    for (int i = 0; i < 3; i++)
        ck__fd_close(&h[i]);
}

/* CreateProcessW with only theirs[] inherited, suspended until it sits in the job. */
static DWORD create_in_job(const WCHAR *app, WCHAR *cmd, WCHAR *env, HANDLE theirs[3], HANDLE job,
                           PROCESS_INFORMATION *pi) {
    SIZE_T size = 0;
    InitializeProcThreadAttributeList(NULL, 1, 0, &size);
    LPPROC_THREAD_ATTRIBUTE_LIST attrs = malloc(size);
    if (attrs == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    DWORD err = ERROR_SUCCESS;
    if (!InitializeProcThreadAttributeList(attrs, 1, 0, &size)) {
        free(attrs);
        return GetLastError();
    }
    STARTUPINFOEXW si;
    memset(&si, 0, sizeof si);
    si.StartupInfo.cb = sizeof si;
    si.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
    si.StartupInfo.hStdInput = theirs[0];
    si.StartupInfo.hStdOutput = theirs[1];
    si.StartupInfo.hStdError = theirs[2];
    si.lpAttributeList = attrs;
    DWORD flags = EXTENDED_STARTUPINFO_PRESENT | CREATE_SUSPENDED | CREATE_NO_WINDOW |
                  CREATE_UNICODE_ENVIRONMENT;
    if (!UpdateProcThreadAttribute(attrs, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, theirs,
                                   3 * sizeof(HANDLE), NULL, NULL) ||
        !CreateProcessW(app, cmd, NULL, NULL, TRUE, flags, env, NULL, &si.StartupInfo, pi)) {
        err = GetLastError();
    } else if (!AssignProcessToJobObject(job, pi->hProcess)) {
        /* Never run a host we could not kill as a tree. */
        err = GetLastError();
        TerminateProcess(pi->hProcess, 1);
        CloseHandle(pi->hThread);
        CloseHandle(pi->hProcess);
    } else {
        ResumeThread(pi->hThread);
        CloseHandle(pi->hThread);
    }
    DeleteProcThreadAttributeList(attrs);
    free(attrs);
    return err;
}

int ck__process_spawn(const char *path, char *const argv[], char *const envp[], ck_process *out,
                      int *os_error) {
    int dummy;
    if (os_error == NULL)
        os_error = &dummy;
    *os_error = 0;
    if (path == NULL || argv == NULL || argv[0] == NULL || out == NULL) {
        *os_error = ERROR_INVALID_PARAMETER;
        return CK_ERR_INVALID_ARG;
    }
    HANDLE ours[3] = {NULL, NULL, NULL}, theirs[3] = {NULL, NULL, NULL}, job = NULL;
    WCHAR *app = ck__utf8_to_utf16_strict(path), *cmd = ck__command_line(argv);
    WCHAR *env = envp != NULL ? ck__environment_block(envp) : NULL;
    child *c = calloc(1, sizeof *c);
    PROCESS_INFORMATION pi;
    DWORD err = ERROR_SUCCESS;
    memset(&pi, 0, sizeof pi);
    if (app == NULL || cmd == NULL || c == NULL || (envp != NULL && env == NULL))
        err = ERROR_NOT_ENOUGH_MEMORY;
    else if (!make_pipes(ours, theirs) || (job = new_job()) == NULL)
        err = GetLastError();
    else
        err = create_in_job(app, cmd, env, theirs, job, &pi);
    close_all(theirs);
    free(app);
    free(cmd);
    free(env);
    if (err != ERROR_SUCCESS) {
        *os_error = (int)err;
        close_all(ours);
        if (job != NULL)
            CloseHandle(job);
        free(c);
        return CK_ERR_SPAWN;
    }
    c->pid = (long)pi.dwProcessId;
    c->process = pi.hProcess;
    c->job = job;
    AcquireSRWLockExclusive(&children_lock);
    c->next = children;
    children = c;
    ReleaseSRWLockExclusive(&children_lock);
    out->pid = c->pid;
    out->pgid = c->pid; /* the "group" of a host is its job, found by the host's pid */
    out->stdin_w = ours[0];
    out->stdout_r = ours[1];
    out->stderr_r = ours[2];
    return CK_OK;
}

/* Whether the process sits in the job of one of our hosts. Process ids are reused
 * quickly on Windows: only a process in one of our jobs is ours to kill. */
static int in_our_job(HANDLE process) {
    int ours = 0;
    AcquireSRWLockShared(&children_lock);
    for (child *c = children; c != NULL && !ours; c = c->next) {
        BOOL in = FALSE;
        ours = IsProcessInJob(process, c->job, &in) && in;
    }
    ReleaseSRWLockShared(&children_lock);
    return ours;
}

/* Kills pid and every process whose parent chain leads to it, if they run in one of our
 * jobs. Used for process groups the handler reported (SPAWNED): the host that owns
 * their job may be the one that is hung, so the job itself is not the tool here. */
static void kill_tree(DWORD root) {
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snap == INVALID_HANDLE_VALUE)
        return;
    DWORD ids[1024], n = 0;
    ids[n++] = root;
    /* Breadth-first over the snapshot: each pass adds children of known ids. */
    for (DWORD done = 0; done < n; done++) {
        PROCESSENTRY32W pe;
        pe.dwSize = sizeof pe;
        for (BOOL ok = Process32FirstW(snap, &pe); ok && n < 1024; ok = Process32NextW(snap, &pe))
            if (pe.th32ParentProcessID == ids[done] && pe.th32ProcessID != ids[done] &&
                pe.th32ProcessID != GetCurrentProcessId())
                ids[n++] = pe.th32ProcessID;
    }
    CloseHandle(snap);
    /* PROCESS_QUERY_INFORMATION, not the LIMITED right: Wine's IsProcessInJob wants it. */
    for (DWORD i = 0; i < n; i++) {
        HANDLE h = OpenProcess(PROCESS_TERMINATE | PROCESS_QUERY_INFORMATION, FALSE, ids[i]);
        if (h != NULL) {
            if (in_our_job(h))
                TerminateProcess(h, 1);
            CloseHandle(h);
        }
    }
}

void ck__process_kill_group(long pgid) {
    if (pgid <= 0 || pgid == (long)GetCurrentProcessId())
        return;
    int found = 0;
    AcquireSRWLockShared(&children_lock);
    for (child *c = children; c != NULL; c = c->next)
        if (c->pid == pgid) {
            TerminateJobObject(c->job, 1);
            found = 1;
        }
    ReleaseSRWLockShared(&children_lock);
    if (!found)
        kill_tree((DWORD)pgid);
}

int ck__process_group_alive(long pgid) {
    (void)pgid;
    return 0;
}

int ck__process_reap(long pid, int *exit_code) {
    child **link, *c = NULL;
    int result = -1;
    AcquireSRWLockExclusive(&children_lock);
    for (link = &children; *link != NULL; link = &(*link)->next)
        if ((*link)->pid == pid)
            break;
    if (*link != NULL) {
        DWORD code = 0;
        result = WaitForSingleObject((*link)->process, 0) == WAIT_OBJECT_0 ? 1 : 0;
        if (result == 1) {
            GetExitCodeProcess((*link)->process, &code);
            if (exit_code != NULL)
                *exit_code = (int)code;
            c = *link;
            *link = c->next;
        }
    }
    ReleaseSRWLockExclusive(&children_lock);
    if (c != NULL) {
        CloseHandle(c->process);
        CloseHandle(c->job); /* KILL_ON_JOB_CLOSE: what the dead host started ends too */
        free(c);
    }
    return result;
}

void ck__process_close_pipes(ck_process *p) {
    if (p == NULL)
        return;
    ck__fd_close(&p->stdin_w);
    ck__fd_close(&p->stdout_r);
    ck__fd_close(&p->stderr_r);
}

/* ---- program lookup ---- */

static int is_file(const WCHAR *path) {
    DWORD attrs = GetFileAttributesW(path);
    return attrs != INVALID_FILE_ATTRIBUTES && !(attrs & FILE_ATTRIBUTE_DIRECTORY);
}

/* Tries dir\name, then dir\name.exe when name has no extension. */
static int try_dir(const WCHAR *dir, size_t dir_len, const WCHAR *name, char *buf, size_t cap) {
    size_t name_len = wcslen(name);
    WCHAR *full = malloc((dir_len + name_len + 6) * sizeof(WCHAR));
    int rc = CK_ERR_NODE_NOT_FOUND;
    if (full == NULL)
        return CK_ERR_NOMEM;
    memcpy(full, dir, dir_len * sizeof(WCHAR));
    size_t n = dir_len;
    if (n > 0 && full[n - 1] != L'\\' && full[n - 1] != L'/')
        full[n++] = L'\\';
    memcpy(full + n, name, (name_len + 1) * sizeof(WCHAR));
    if (is_file(full))
        rc = ck__utf16_to_utf8_strict(full, buf, cap) == CK_OK ? CK_OK : CK_ERR_NODE_NOT_FOUND;
    else if (wcschr(name, L'.') == NULL) {
        memcpy(full + n + name_len, L".exe", 5 * sizeof(WCHAR));
        if (is_file(full))
            rc = ck__utf16_to_utf8_strict(full, buf, cap) == CK_OK ? CK_OK : CK_ERR_NODE_NOT_FOUND;
    }
    free(full);
    return rc;
}

int ck__find_program(const char *name, char *buf, size_t cap) {
    if (name == NULL || name[0] == '\0' || buf == NULL || cap == 0)
        return CK_ERR_INVALID_ARG;
    WCHAR *wname = ck__utf8_to_utf16_strict(name);
    if (wname == NULL)
        return CK_ERR_NODE_NOT_FOUND;
    int rc = CK_ERR_NODE_NOT_FOUND;
    if (wcspbrk(wname, L"\\/:") != NULL) {
        if (is_file(wname) && strlen(name) + 1 <= cap) {
            memcpy(buf, name, strlen(name) + 1);
            rc = CK_OK;
        }
        free(wname);
        return rc;
    }
    /* PATH only: unlike SearchPathW, never the monitor's current or own directory. */
    DWORD need = GetEnvironmentVariableW(L"PATH", NULL, 0);
    WCHAR *path = need > 0 ? malloc(need * sizeof(WCHAR)) : NULL;
    if (path != NULL && GetEnvironmentVariableW(L"PATH", path, need) < need) {
        for (WCHAR *p = path; *p != 0 && rc != CK_OK;) {
            size_t len = wcscspn(p, L";");
            if (len > 0)
                rc = try_dir(p, len, wname, buf, cap) == CK_OK ? CK_OK : CK_ERR_NODE_NOT_FOUND;
            p += len;
            if (*p == L';')
                p++;
        }
    }
    free(path);
    free(wname);
    return rc;
}
