/*
 * resutils_standin.c - TEST ONLY. A stand-in for resutils.dll under Wine, where all 71
 * exports are stubs that abort (docs/windows.md, "The Wine suite"). Only the worker
 * helpers a resource DLL is likely to call are here: ClusWorkerCreate/CheckTerminate/
 * Terminate as plain threads. clusterkit's core uses its own threads, so a resource
 * library that imports RESUTILS.dll at all is flagged by the import check.
 *
 * The cluster's encryption of secret properties (OpenClusterCryptProvider, ClusterEncrypt,
 * ClusterDecrypt, FreeClusterCrypt, CloseClusterCryptProvider), which the library looks up at
 * run time, with the documented signatures and allocation rules but a toy cipher: a magic,
 * then the bytes XORed with a key derived from the resource name. It proves the library's
 * calls, buffers and frees, not the strength of anything.
 */
#include <string.h>
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

/* ---- cluster encryption (toy; see above) ---- */

typedef struct crypt_provider {
    BYTE key;
} crypt_provider;

static const BYTE CRYPT_MAGIC[4] = {'W', 'C', 'K', '1'};

STANDIN HANDLE WINAPI OpenClusterCryptProvider(LPCWSTR resource, LPCWSTR provider, DWORD type,
                                               DWORD flags) {
    (void)provider;
    (void)flags;
    if (resource == NULL || type != 24 /* PROV_RSA_AES */) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    crypt_provider *p = HeapAlloc(GetProcessHeap(), 0, sizeof *p);
    if (p == NULL) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    p->key = 0x5A;
    for (const WCHAR *c = resource; *c; c++)
        p->key = (BYTE)(p->key * 31u + (BYTE)*c);
    if (p->key == 0)
        p->key = 1;
    return (HANDLE)p;
}

STANDIN DWORD WINAPI CloseClusterCryptProvider(HANDLE provider) {
    if (provider == NULL)
        return ERROR_INVALID_HANDLE;
    HeapFree(GetProcessHeap(), 0, provider);
    return ERROR_SUCCESS;
}

static DWORD crypt(HANDLE provider, const BYTE *in, DWORD cb, BYTE **out, DWORD *out_cb,
                   int decrypt) {
    if (provider == NULL || in == NULL || out == NULL || out_cb == NULL)
        return ERROR_INVALID_PARAMETER;
    BYTE key = ((crypt_provider *)provider)->key;
    DWORD skip = decrypt ? 4 : 0, size = decrypt ? cb - 4 : cb + 4;
    if (decrypt && (cb < 4 || memcmp(in, CRYPT_MAGIC, 4) != 0))
        return ERROR_INVALID_DATA;
    BYTE *buf = LocalAlloc(LMEM_FIXED, size ? size : 1);
    if (buf == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    BYTE *at = buf;
    if (!decrypt) {
        memcpy(buf, CRYPT_MAGIC, 4);
        at += 4;
    }
    for (DWORD i = 0; i < cb - skip; i++)
        at[i] = (BYTE)(in[skip + i] ^ key);
    *out = buf;
    *out_cb = size;
    return ERROR_SUCCESS;
}

STANDIN DWORD WINAPI ClusterEncrypt(HANDLE provider, BYTE *in, DWORD cb, BYTE **out,
                                    DWORD *out_cb) {
    return crypt(provider, in, cb, out, out_cb, 0);
}

STANDIN DWORD WINAPI ClusterDecrypt(HANDLE provider, BYTE *in, DWORD cb, BYTE **out,
                                    DWORD *out_cb) {
    return crypt(provider, in, cb, out, out_cb, 1);
}

STANDIN DWORD WINAPI FreeClusterCrypt(PVOID info) {
    if (info != NULL)
        LocalFree(info);
    return ERROR_SUCCESS;
}
