/*
 * parascope-sampler: the host's per-core sampler as a small process of its own (Linux).
 *
 * Why a process in C: at 10 Hz the sampler's budget is 0.2 % of one core, 200 us per sample.
 * Waking a Node thread costs most of that before it reads anything; this loop sleeps in the
 * kernel and spends its time in the one pread of /proc/stat (docs/BENCHMARKS.md, sampler-cost).
 * The host is woken only when a group of samples arrives (every DELIVERY_MS).
 *
 * Usage:   parascope-sampler PATH HZ DELIVERY_MS
 * stdin:   "R <hz>\n" sets the rate (the cadence restarts from now); end of input ends the program.
 * stdout:  per sample, "S <t> <hz> <cpu_us> <length>\n" and then <length> bytes: the first line
 *          of PATH and the "cpu<N>" lines after it. <t> is the wall clock in ms since the epoch,
 *          <hz> the rate in force, <cpu_us> this process's CPU time so far (so the host can say
 *          what sampling costs). The first sample is written at once (the baseline); later ones
 *          are held until holding the next would keep one longer than DELIVERY_MS.
 *          On failure, "E <message>\n" and exit status 1; bad arguments, exit status 2.
 * It also ends when its parent does (PR_SET_PDEATHSIG), so it never outlives the host.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#define MAX_HZ 1000.0
#define MAX_DELIVERY_MS 60000.0
#define MAX_READ (16u << 20)

static char *in_buf;      /* one reading of PATH */
static size_t in_cap;
static char *out_buf;     /* samples not yet written */
static size_t out_len, out_cap;

static double clock_ms(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void write_all(const char *data, size_t length) {
  while (length > 0) {
    ssize_t n = write(STDOUT_FILENO, data, length);
    if (n < 0 && errno == EINTR) continue;
    /* The host closed its end (EPIPE) or is gone: nobody is listening any more. */
    if (n <= 0) exit(0);
    data += n;
    length -= (size_t)n;
  }
}

static void fail(const char *what, int error) {
  char line[512];
  int n = snprintf(line, sizeof line, "E %s: %s\n", what, strerror(error));
  write_all(line, n > 0 && (size_t)n < sizeof line ? (size_t)n : strlen(line));
  exit(1);
}

static void reserve_out(size_t more) {
  if (out_len + more <= out_cap) return;
  size_t cap = out_cap ? out_cap : 16384;
  while (cap < out_len + more) cap *= 2;
  char *grown = realloc(out_buf, cap);
  if (!grown) fail("cannot hold samples", ENOMEM);
  out_buf = grown;
  out_cap = cap;
}

static void flush(void) {
  write_all(out_buf, out_len);
  out_len = 0;
}

/* Length of the first line and the "cpu" lines that follow it. */
static size_t cpu_lines_length(const char *text, size_t n) {
  const char *end = memchr(text, '\n', n);
  if (!end) return n;
  size_t at = (size_t)(end - text) + 1;
  while (at + 3 <= n && memcmp(text + at, "cpu", 3) == 0) {
    end = memchr(text + at, '\n', n - at);
    if (!end) return n;
    at = (size_t)(end - text) + 1;
  }
  return at;
}

/* One pread of the whole file (the kernel builds it in one go), then its CPU lines appended. */
static void take_sample(int fd, double hz) {
  ssize_t n;
  for (;;) {
    n = pread(fd, in_buf, in_cap, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot read", errno);
    if ((size_t)n < in_cap) break;
    if (in_cap >= MAX_READ) fail("reading too long", EFBIG);
    free(in_buf);
    in_cap *= 2;
    in_buf = malloc(in_cap);
    if (!in_buf) fail("cannot read", ENOMEM);
  }
  size_t length = cpu_lines_length(in_buf, (size_t)n);
  char header[128];
  int h = snprintf(header, sizeof header, "S %.3f %.9g %.0f %zu\n", clock_ms(CLOCK_REALTIME), hz,
                   clock_ms(CLOCK_PROCESS_CPUTIME_ID) * 1e3, length);
  reserve_out((size_t)h + length);
  memcpy(out_buf + out_len, header, (size_t)h);
  memcpy(out_buf + out_len + (size_t)h, in_buf, length);
  out_len += (size_t)h + length;
}

static int parse_number(const char *text, double max, double *value) {
  char *end;
  errno = 0;
  double v = strtod(text, &end);
  if (errno || end == text || *end != '\0' || !(v >= 0 && v <= max)) return 0;
  *value = v;
  return 1;
}

/* Commands from the host; returns a new rate, 0 for none, or -1 at end of input. */
static double read_commands(void) {
  static char line[64];
  static size_t used;
  char chunk[256];
  ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
  if (n < 0) return errno == EINTR || errno == EAGAIN ? 0 : -1;
  if (n == 0) return -1;
  double rate = 0;
  for (ssize_t i = 0; i < n; i++) {
    if (chunk[i] != '\n') {
      if (used < sizeof line - 1) line[used++] = chunk[i];
      continue;
    }
    line[used] = '\0';
    double hz;
    if (line[0] == 'R' && line[1] == ' ' && parse_number(line + 2, MAX_HZ, &hz) && hz > 0) rate = hz;
    used = 0;
  }
  return rate;
}

int main(int argc, char **argv) {
  double hz, delivery_ms;
  if (argc != 4 || !parse_number(argv[2], MAX_HZ, &hz) || hz <= 0 ||
      !parse_number(argv[3], MAX_DELIVERY_MS, &delivery_ms)) {
    static const char usage[] = "E usage: parascope-sampler PATH HZ(0-1000] DELIVERY_MS[0-60000]\n";
    if (write(STDOUT_FILENO, usage, sizeof usage - 1) < 0) return 2;
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  /* End with the parent; if it already ended (we were re-parented), end now. */
  pid_t parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) return 0;

  int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(argv[1], errno);
  in_cap = 16384;
  in_buf = malloc(in_cap);
  if (!in_buf) fail("cannot read", ENOMEM);

  take_sample(fd, hz);
  flush();
  double period = 1e3 / hz;
  double next = clock_ms(CLOCK_MONOTONIC) + period;
  double oldest = -1; /* when the oldest sample not yet written was due */
  struct pollfd input = {.fd = STDIN_FILENO, .events = POLLIN};
  for (;;) {
    double now = clock_ms(CLOCK_MONOTONIC);
    /* Behind schedule (a stalled process, a suspended machine): restart from now, never burst. */
    if (next - now <= 0 || next - now > period) next = now + period;
    double wait = next - now;
    struct timespec timeout = {.tv_sec = (time_t)(wait / 1e3),
                               .tv_nsec = (long)((wait - (double)(time_t)(wait / 1e3) * 1e3) * 1e6)};
    int ready = ppoll(&input, 1, &timeout, NULL);
    if (ready < 0) {
      if (errno == EINTR) continue;
      fail("cannot wait", errno);
    }
    if (ready > 0) {
      double rate = read_commands();
      if (rate < 0) break;
      if (rate > 0) {
        hz = rate;
        period = 1e3 / hz;
        next = clock_ms(CLOCK_MONOTONIC) + period;
      }
      continue;
    }
    take_sample(fd, hz);
    if (oldest < 0) oldest = next;
    next += period;
    if (next - oldest > delivery_ms) {
      flush();
      oldest = -1;
    }
  }
  if (out_len > 0) flush();
  return 0;
}
