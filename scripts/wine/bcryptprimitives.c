/* A stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks and
 * Rust's standard library calls (ProcessPrng) for its random numbers.
 * Only for running the Windows build's tests under Wine: a real Windows
 * has the real one. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
