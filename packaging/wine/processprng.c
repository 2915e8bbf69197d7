/*
 * A stand-in for Windows' bcryptprimitives.dll, for testing Dossier.exe
 * under wine only; it is never installed by the Windows installer, and
 * real Windows has the real DLL.
 *
 * Go's runtime (1.24 and later) takes its random numbers from
 * ProcessPrng in bcryptprimitives.dll, which Debian's wine 8.0 lacks, so
 * a Go program stops at start-up there. This DLL exports ProcessPrng over
 * RtlGenRandom (advapi32's SystemFunction036), which wine has.
 * scripts/release-test builds it with mingw and copies it into the test
 * wine prefix's system32.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
