/*
 * resutils_standin.c - TEST ONLY. A stand-in for resutils.dll under Wine, where all 71
 * exports are stubs that abort (docs/windows.md, "The Wine suite"). Only the worker
 * helpers a resource DLL is likely to call are here: ClusWorkerCreate/CheckTerminate/
 * Terminate as plain threads. clusterkit's core uses its own threads, so a resource
 * library that imports RESUTILS.dll at all is flagged by the import check.
 */
#include <windows.h>

#define STANDIN __declspec(dllexport)

typedef struct CLUS_WORKER {
    HANDLE hThread;
    BOOL Terminate;
} CLUS_WORKER, *PCLUS_WORKER;

typedef DWORD(WINAPI *PWORKER_START_ROUTINE)(PCLUS_WORKER worker, LPVOID param);

typedef struct worker_start {
    PCLUS_WORKER worker;
    PWORKER_START_ROUTINE fn;
    LPVOID param;
} worker_start;

static DWORD WINAPI worker_main(LPVOID p) {
    worker_start start = *(worker_start *)p;
    HeapFree(GetProcessHeap(), 0, p);
    return start.fn(start.worker, start.param);
}

STANDIN DWORD WINAPI ClusWorkerCreate(PCLUS_WORKER worker, PWORKER_START_ROUTINE fn, PVOID param) {
    if (worker == NULL || fn == NULL)
        return ERROR_INVALID_PARAMETER;
    worker_start *start = HeapAlloc(GetProcessHeap(), 0, sizeof *start);
    if (start == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    start->worker = worker;
    start->fn = fn;
    start->param = param;
    worker->Terminate = FALSE;
    worker->hThread = CreateThread(NULL, 0, worker_main, start, 0, NULL);
    if (worker->hThread == NULL) {
        HeapFree(GetProcessHeap(), 0, start);
        return GetLastError();
    }
    return ERROR_SUCCESS;
}

STANDIN BOOL WINAPI ClusWorkerCheckTerminate(PCLUS_WORKER worker) {
    return worker != NULL && worker->Terminate;
}

STANDIN VOID WINAPI ClusWorkerTerminate(PCLUS_WORKER worker) {
    if (worker == NULL || worker->hThread == NULL)
        return;
    worker->Terminate = TRUE;
    if (GetCurrentThreadId() != GetThreadId(worker->hThread))
        WaitForSingleObject(worker->hThread, INFINITE);
    CloseHandle(worker->hThread);
    worker->hThread = NULL;
}
