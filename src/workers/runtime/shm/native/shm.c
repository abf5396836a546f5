/*
 * parascope-shm.node: shared memory segments (memfd) that every process of a session maps, with
 * the atomic ops, futex wait/wake and plain cells that Lock/RLock/Value/Array need on them.
 * The JS side is src/workers/runtime/shm/shm-native.ts (its interface is the contract); built by
 * scripts/build-native.mjs. Node-API only, so the same file loads in Node and Electron, on the
 * main thread and in worker threads (NAPI_MODULE_INIT: context-aware).
 */
#define _GNU_SOURCE
#define NAPI_VERSION 8
#include <node_api.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Handles are 1..count; entries are written once, before `count` publishes them, so ops read
 * the table without a lock. Capacity is fixed so entries never move. */
#define MAX_SEGS 4096
/* Largest segment: offsets stay exact doubles and int32-friendly on the JS side. */
#define MAX_BYTES (1u << 30)

typedef struct {
  uint8_t *base;
  size_t bytes;
  int pid; /* the creating process (as the caller named it for attached ones) */
  int fd;  /* fd in that process */
  dev_t dev;
  ino_t ino; /* identity of the memfd, to tell a reused (pid, fd) from the one mapped */
  int own;   /* created here */
} seg_t;

static seg_t segs[MAX_SEGS];
static uint32_t seg_count;
static pthread_mutex_t seg_mutex = PTHREAD_MUTEX_INITIALIZER;

static const uint8_t CELL_SIZE[10] = {1, 1, 2, 2, 4, 4, 4, 8, 8, 8};
enum { I8, U8, I16, U16, I32, U32, F32, F64, I64, U64 };

/* ---- arguments ---------------------------------------------------------------------------- */

static void describe(napi_env env, napi_value v, char *out, size_t size) {
  napi_valuetype t;
  napi_typeof(env, v, &t);
  if (t == napi_number) {
    double d;
    napi_get_value_double(env, v, &d);
    snprintf(out, size, "%.15g", d); /* shortest that reads back, as JS would print it */
    if (strtod(out, NULL) != d) snprintf(out, size, "%.17g", d);
  } else {
    static const char *names[] = {"undefined", "null",     "a boolean", "a number", "a string",
                                  "a symbol",  "an object", "a function", "an external", "a bigint"};
    snprintf(out, size, "%s", (unsigned)t < 10 ? names[t] : "a value");
  }
}

/* Throws `Invalid argument "name": detail (got value)`, the runtime's usual wording. */
static void throw_arg(napi_env env, int range, const char *name, const char *detail, napi_value v) {
  char got[64], msg[256];
  describe(env, v, got, sizeof got);
  snprintf(msg, sizeof msg, "Invalid argument \"%s\": %s (got %s)", name, detail, got);
  if (range) napi_throw_range_error(env, "ERR_OUT_OF_RANGE", msg);
  else napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", msg);
}

/* A number that is an integer in [min, max]; 0 (with a pending exception) otherwise. */
static int get_int(napi_env env, napi_value v, const char *name, double min, double max, double *out) {
  if (napi_get_value_double(env, v, out) != napi_ok) {
    throw_arg(env, 0, name, "must be a number", v);
    return 0;
  }
  if (!(*out >= min && *out <= max) || trunc(*out) != *out) {
    char detail[96];
    snprintf(detail, sizeof detail, "must be an integer from %.0f to %.0f", min, max);
    throw_arg(env, 1, name, detail, v);
    return 0;
  }
  return 1;
}

/* The segment named by argv[0]; NULL with a pending exception. */
static seg_t *get_seg(napi_env env, napi_value v) {
  double d;
  if (napi_get_value_double(env, v, &d) != napi_ok) {
    throw_arg(env, 0, "seg", "must be a segment handle (a number)", v);
    return NULL;
  }
  uint32_t count = __atomic_load_n(&seg_count, __ATOMIC_ACQUIRE);
  if (!(d >= 1 && d <= count) || trunc(d) != d) {
    throw_arg(env, 1, "seg", "is not a segment handle of this process", v);
    return NULL;
  }
  return &segs[(uint32_t)d - 1];
}

/* Byte offset argv[1] of `size` bytes inside `s`, aligned to `size`; NULL with an exception. */
static uint8_t *get_at(napi_env env, seg_t *s, napi_value v, size_t size) {
  double d;
  if (!get_int(env, v, "off", 0, s->bytes >= size ? (double)(s->bytes - size) : -1, &d)) return NULL;
  if ((size_t)d % size != 0) {
    char detail[64];
    snprintf(detail, sizeof detail, "must be a multiple of %zu", size);
    throw_arg(env, 1, "off", detail, v);
    return NULL;
  }
  return s->base + (size_t)d;
}

/* An int32 word value: int32 or uint32 range (stored as its 32 bits, like Int32Array). */
static int get_word(napi_env env, napi_value v, const char *name, int32_t *out) {
  double d;
  if (!get_int(env, v, name, -2147483648.0, 4294967295.0, &d)) return 0;
  *out = (int32_t)(uint32_t)(int64_t)d;
  return 1;
}

#define ARGS(n)                                                                 \
  size_t argc = n;                                                              \
  napi_value argv[n];                                                           \
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);                         \
  for (size_t i_ = argc; i_ < n; i_++) napi_get_undefined(env, &argv[i_]);

static napi_value num(napi_env env, double d) {
  napi_value r;
  napi_create_double(env, d, &r);
  return r;
}

/* ---- segments ----------------------------------------------------------------------------- */

static void throw_errno(napi_env env, const char *what, const char *file, int err) {
  char msg[320];
  snprintf(msg, sizeof msg, "parascope-shm: cannot %s %s: %s", what, file, strerror(err));
  napi_throw_error(env, NULL, msg);
}

/* Appends a segment (caller holds seg_mutex); returns its handle or 0 when the table is full. */
static uint32_t add_seg(seg_t s) {
  uint32_t n = __atomic_load_n(&seg_count, __ATOMIC_RELAXED);
  if (n == MAX_SEGS) return 0;
  segs[n] = s;
  __atomic_store_n(&seg_count, n + 1, __ATOMIC_RELEASE);
  return n + 1;
}

static napi_value create(napi_env env, napi_callback_info info) {
  ARGS(1);
  double bytes;
  if (!get_int(env, argv[0], "bytes", 4, MAX_BYTES, &bytes)) return NULL;
  int fd = memfd_create("parascope-shm", MFD_CLOEXEC);
  if (fd < 0) return throw_errno(env, "create", "a memfd", errno), NULL;
  struct stat st;
  void *base = MAP_FAILED;
  int err = 0;
  if (ftruncate(fd, (off_t)bytes) != 0 || fstat(fd, &st) != 0) err = errno;
  else if ((base = mmap(NULL, (size_t)bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED)
    err = errno;
  if (err) {
    close(fd);
    return throw_errno(env, "map", "a new memfd", err), NULL;
  }
  pthread_mutex_lock(&seg_mutex);
  seg_t s = {base, (size_t)bytes, (int)getpid(), fd, st.st_dev, st.st_ino, 1};
  uint32_t handle = add_seg(s);
  pthread_mutex_unlock(&seg_mutex);
  if (!handle) {
    munmap(base, (size_t)bytes);
    close(fd);
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "parascope-shm: too many segments (4096) in this process");
    return NULL;
  }
  napi_value r;
  napi_create_object(env, &r);
  napi_set_named_property(env, r, "seg", num(env, handle));
  napi_set_named_property(env, r, "fd", num(env, fd));
  return r;
}

static napi_value attach(napi_env env, napi_callback_info info) {
  ARGS(3);
  double pid, fd, bytes;
  if (!get_int(env, argv[0], "pid", 1, INT32_MAX, &pid) || !get_int(env, argv[1], "fd", 0, INT32_MAX, &fd) ||
      !get_int(env, argv[2], "bytes", 4, MAX_BYTES, &bytes))
    return NULL;
  char file[64];
  snprintf(file, sizeof file, "/proc/%d/fd/%d", (int)pid, (int)fd);
  int own = (int)pid == (int)getpid();
  struct stat st;
  /* Another process's (pid, fd) may name another file by now: compare identities. */
  if (!own && stat(file, &st) != 0) return throw_errno(env, "open", file, errno), NULL;
  uint32_t handle = 0;
  pthread_mutex_lock(&seg_mutex);
  uint32_t n = seg_count;
  for (uint32_t i = 0; i < n && !handle; i++) {
    seg_t *s = &segs[i];
    if (s->pid == (int)pid && s->fd == (int)fd && (own ? s->own : s->dev == st.st_dev && s->ino == st.st_ino))
      handle = i + 1;
  }
  if (!handle && !own) {
    int mfd = open(file, O_RDWR | O_CLOEXEC);
    int err = 0;
    void *base = MAP_FAILED;
    if (mfd < 0 || fstat(mfd, &st) != 0) err = errno;
    else if (st.st_size < (off_t)bytes) err = -1;
    else if ((base = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0)) == MAP_FAILED)
      err = errno;
    if (mfd >= 0) close(mfd); /* the mapping keeps the memfd alive */
    if (err) {
      pthread_mutex_unlock(&seg_mutex);
      if (err > 0) return throw_errno(env, "map", file, err), NULL;
      char msg[200];
      snprintf(msg, sizeof msg, "parascope-shm: cannot map %s: it holds %lld bytes, %.0f wanted", file,
               (long long)st.st_size, bytes);
      napi_throw_error(env, NULL, msg);
      return NULL;
    }
    seg_t s = {base, (size_t)st.st_size, (int)pid, (int)fd, st.st_dev, st.st_ino, 0};
    if (!(handle = add_seg(s))) munmap(base, (size_t)st.st_size);
  }
  pthread_mutex_unlock(&seg_mutex);
  if (!handle) {
    if (own) {
      char msg[200];
      snprintf(msg, sizeof msg, "parascope-shm: cannot attach %s: no segment was created in this process with fd %d",
               file, (int)fd);
      napi_throw_error(env, NULL, msg);
    } else napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "parascope-shm: too many segments (4096) in this process");
    return NULL;
  }
  if (segs[handle - 1].bytes < (size_t)bytes) {
    char msg[200];
    snprintf(msg, sizeof msg, "parascope-shm: cannot attach %s: it holds %zu bytes, %.0f wanted", file,
             segs[handle - 1].bytes, bytes);
    napi_throw_error(env, NULL, msg);
    return NULL;
  }
  return num(env, handle);
}

/* ---- words -------------------------------------------------------------------------------- */

#define WORD_OP(name, nvals, ...)                                           \
  static napi_value name(napi_env env, napi_callback_info info) {          \
    ARGS(2 + nvals);                                                        \
    seg_t *s = get_seg(env, argv[0]);                                       \
    if (!s) return NULL;                                                    \
    int32_t *w = (int32_t *)get_at(env, s, argv[1], 4);                     \
    if (!w) return NULL;                                                    \
    __VA_ARGS__                                                             \
  }

WORD_OP(load, 0, { return num(env, __atomic_load_n(w, __ATOMIC_SEQ_CST)); })

WORD_OP(store, 1, {
  int32_t v;
  if (!get_word(env, argv[2], "value", &v)) return NULL;
  __atomic_store_n(w, v, __ATOMIC_SEQ_CST);
  return NULL;
})

WORD_OP(cas, 2, {
  int32_t expected, v;
  if (!get_word(env, argv[2], "expected", &expected) || !get_word(env, argv[3], "value", &v)) return NULL;
  __atomic_compare_exchange_n(w, &expected, v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  return num(env, expected); /* the previous value, on success and failure alike */
})

WORD_OP(add, 1, {
  int32_t delta;
  if (!get_word(env, argv[2], "delta", &delta)) return NULL;
  return num(env, __atomic_fetch_add(w, delta, __ATOMIC_SEQ_CST));
})

/* Shared (not FUTEX_PRIVATE) futexes: the word is in memory other processes map too. */
static long futex(int32_t *w, int op, int32_t v, const struct timespec *t) {
  return syscall(SYS_futex, w, op, v, t, NULL, 0);
}

WORD_OP(notify, 1, {
  double count;
  /* Infinity: all, as Atomics.notify takes it. */
  if (napi_get_value_double(env, argv[2], &count) != napi_ok || count != INFINITY)
    if (!get_int(env, argv[2], "count", 0, 9007199254740991.0, &count)) return NULL;
  if (count == 0) return num(env, 0);
  long woke = futex(w, FUTEX_WAKE, count >= INT32_MAX ? INT32_MAX : (int32_t)count, NULL);
  return num(env, woke < 0 ? 0 : (double)woke);
})

/* A wait: its native thread and the JS thread's TSFN finalizer both hold it; the finalizer
 * (also run when a worker thread is torn down mid-wait) marks it dead so the native thread never
 * touches a deleted TSFN. */
typedef struct {
  int32_t *word;
  int32_t expected;
  struct timespec timeout;
  napi_threadsafe_function tsfn;
  pthread_mutex_t mutex;
  int refs;
  int dead;
} wait_t;

static void wait_unref(wait_t *x) {
  pthread_mutex_lock(&x->mutex);
  int left = --x->refs;
  pthread_mutex_unlock(&x->mutex);
  if (left) return;
  pthread_mutex_destroy(&x->mutex);
  free(x);
}

static void wait_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  wait_t *x = data;
  pthread_mutex_lock(&x->mutex);
  x->dead = 1;
  pthread_mutex_unlock(&x->mutex);
  wait_unref(x);
}

static void wait_call_js(napi_env env, napi_value done, void *context, void *data) {
  (void)context;
  if (!env || !done) return; /* torn down */
  napi_value self, arg, error;
  napi_get_undefined(env, &self);
  napi_create_int32(env, (int32_t)(intptr_t)data, &arg);
  if (napi_call_function(env, self, done, 1, &arg, NULL) == napi_pending_exception &&
      napi_get_and_clear_last_exception(env, &error) == napi_ok)
    napi_fatal_exception(env, error); /* a throwing `done` is an uncaught exception, as in a timer */
}

static void *wait_thread(void *arg) {
  wait_t *x = arg;
  intptr_t result = 0; /* woken, or spurious (EINTR) */
  if (futex(x->word, FUTEX_WAIT, x->expected, &x->timeout) != 0) {
    if (errno == EAGAIN) result = 1;
    else if (errno == ETIMEDOUT) result = 2;
  }
  pthread_mutex_lock(&x->mutex);
  if (!x->dead) {
    napi_call_threadsafe_function(x->tsfn, (void *)result, napi_tsfn_nonblocking);
    napi_release_threadsafe_function(x->tsfn, napi_tsfn_release);
  }
  pthread_mutex_unlock(&x->mutex);
  wait_unref(x);
  return NULL;
}

static napi_value wait(napi_env env, napi_callback_info info) {
  ARGS(5);
  seg_t *s = get_seg(env, argv[0]);
  if (!s) return NULL;
  int32_t *w = (int32_t *)get_at(env, s, argv[1], 4);
  int32_t expected;
  if (!w || !get_word(env, argv[2], "expected", &expected)) return NULL;
  double ms;
  if (napi_get_value_double(env, argv[3], &ms) != napi_ok) {
    throw_arg(env, 0, "timeoutMs", "must be a number", argv[3]);
    return NULL;
  }
  if (!(ms >= 0 && ms <= 1e300)) {
    throw_arg(env, 1, "timeoutMs", "must be a finite number >= 0", argv[3]);
    return NULL;
  }
  napi_valuetype t;
  napi_typeof(env, argv[4], &t);
  if (t != napi_function) {
    throw_arg(env, 0, "done", "must be a function", argv[4]);
    return NULL;
  }
  wait_t *x = calloc(1, sizeof *x);
  if (!x) return napi_throw_error(env, NULL, "parascope-shm: out of memory"), NULL;
  x->word = w;
  x->expected = expected;
  double sec = floor(ms / 1000);
  if (sec > INT32_MAX) sec = INT32_MAX; /* ~68 years: forever, as far as anyone waits */
  x->timeout.tv_sec = (time_t)sec;
  x->timeout.tv_nsec = sec == INT32_MAX ? 0 : (long)((ms - sec * 1000) * 1e6);
  if (x->timeout.tv_nsec > 999999999) x->timeout.tv_nsec = 999999999;
  x->refs = 2;
  pthread_mutex_init(&x->mutex, NULL);
  napi_value name;
  napi_create_string_utf8(env, "parascope-shm-wait", NAPI_AUTO_LENGTH, &name);
  if (napi_create_threadsafe_function(env, argv[4], NULL, name, 0, 1, x, wait_finalize, NULL, wait_call_js,
                                      &x->tsfn) != napi_ok) {
    pthread_mutex_destroy(&x->mutex);
    free(x);
    return napi_throw_error(env, NULL, "parascope-shm: cannot create the wait's callback"), NULL;
  }
  pthread_attr_t attr;
  pthread_t thread;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  int err = pthread_create(&thread, &attr, wait_thread, x);
  pthread_attr_destroy(&attr);
  if (err) {
    /* No thread: drop its reference and the TSFN (whose finalizer drops the other). */
    x->refs = 1;
    napi_release_threadsafe_function(x->tsfn, napi_tsfn_abort);
    return throw_errno(env, "start a thread for", "a wait", err), NULL;
  }
  return NULL;
}

/* ---- cells, threads ----------------------------------------------------------------------- */

static napi_value get_cell(napi_env env, napi_callback_info info) {
  ARGS(3);
  seg_t *s = get_seg(env, argv[0]);
  double kind;
  if (!s || !get_int(env, argv[2], "kind", 0, 9, &kind)) return NULL;
  uint8_t *p = get_at(env, s, argv[1], CELL_SIZE[(int)kind]);
  if (!p) return NULL;
  union { int8_t i8; uint8_t u8; int16_t i16; uint16_t u16; int32_t i32; uint32_t u32; float f32;
          double f64; int64_t i64; uint64_t u64; } c;
  memcpy(&c, p, CELL_SIZE[(int)kind]);
  napi_value r;
  switch ((int)kind) {
    case I8: return num(env, c.i8);
    case U8: return num(env, c.u8);
    case I16: return num(env, c.i16);
    case U16: return num(env, c.u16);
    case I32: return num(env, c.i32);
    case U32: return num(env, c.u32);
    case F32: return num(env, c.f32);
    case F64: return num(env, c.f64);
    case I64: napi_create_bigint_int64(env, c.i64, &r); return r;
    default: napi_create_bigint_uint64(env, c.u64, &r); return r;
  }
}

static napi_value set_cell(napi_env env, napi_callback_info info) {
  ARGS(4);
  seg_t *s = get_seg(env, argv[0]);
  double kind;
  if (!s || !get_int(env, argv[2], "kind", 0, 9, &kind)) return NULL;
  int k = (int)kind;
  uint8_t *p = get_at(env, s, argv[1], CELL_SIZE[k]);
  if (!p) return NULL;
  napi_valuetype t;
  napi_typeof(env, argv[3], &t);
  if (t != (k >= I64 ? napi_bigint : napi_number)) {
    throw_arg(env, 0, "value", k >= I64 ? "must be a bigint for a 64-bit integer cell" : "must be a number", argv[3]);
    return NULL;
  }
  union { int8_t i8; uint8_t u8; int16_t i16; uint16_t u16; int32_t i32; float f32; double f64;
          int64_t i64; uint64_t u64; } c;
  bool lossless;
  int32_t i = 0;
  if (k <= U32) napi_get_value_int32(env, argv[3], &i); /* ToInt32: wraps like a typed array */
  switch (k) {
    case I8: case U8: c.u8 = (uint8_t)i; break;
    case I16: case U16: c.u16 = (uint16_t)i; break;
    case I32: case U32: c.i32 = i; break;
    case F32: napi_get_value_double(env, argv[3], &c.f64); c.f32 = (float)c.f64; break;
    case F64: napi_get_value_double(env, argv[3], &c.f64); break;
    case I64: napi_get_value_bigint_int64(env, argv[3], &c.i64, &lossless); break;
    default: napi_get_value_bigint_uint64(env, argv[3], &c.u64, &lossless); break;
  }
  memcpy(p, &c, CELL_SIZE[k]);
  return NULL;
}

/* The whole segment as an ArrayBuffer over the mapping, so JS can use typed arrays and Atomics
 * on it directly; null where V8 forbids outside memory (Electron's memory cage). The mapping
 * lives as long as the process, so the buffer needs no finalizer. */
static napi_value buffer(napi_env env, napi_callback_info info) {
  ARGS(1);
  seg_t *s = get_seg(env, argv[0]);
  if (!s) return NULL;
  napi_value r;
  if (napi_create_external_arraybuffer(env, s->base, s->bytes, NULL, NULL, &r) == napi_ok) return r;
  napi_value error;
  napi_get_and_clear_last_exception(env, &error); /* napi_no_external_buffers_allowed sets none */
  napi_get_null(env, &r);
  return r;
}

static napi_value tid(napi_env env, napi_callback_info info) {
  (void)info;
  return num(env, (double)syscall(SYS_gettid));
}

static napi_value alive(napi_env env, napi_callback_info info) {
  ARGS(1);
  double t;
  if (!get_int(env, argv[0], "tid", 1, INT32_MAX, &t)) return NULL;
  /* EPERM: it exists, it is someone else's. */
  napi_value r;
  napi_get_boolean(env, !(kill((pid_t)t, 0) != 0 && errno == ESRCH), &r);
  return r;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor d[] = {
      {"create", 0, create, 0, 0, 0, napi_enumerable, 0},   {"attach", 0, attach, 0, 0, 0, napi_enumerable, 0},
      {"load", 0, load, 0, 0, 0, napi_enumerable, 0},       {"store", 0, store, 0, 0, 0, napi_enumerable, 0},
      {"cas", 0, cas, 0, 0, 0, napi_enumerable, 0},         {"add", 0, add, 0, 0, 0, napi_enumerable, 0},
      {"notify", 0, notify, 0, 0, 0, napi_enumerable, 0},   {"wait", 0, wait, 0, 0, 0, napi_enumerable, 0},
      {"getCell", 0, get_cell, 0, 0, 0, napi_enumerable, 0}, {"setCell", 0, set_cell, 0, 0, 0, napi_enumerable, 0},
      {"buffer", 0, buffer, 0, 0, 0, napi_enumerable, 0},   {"tid", 0, tid, 0, 0, 0, napi_enumerable, 0},         {"alive", 0, alive, 0, 0, 0, napi_enumerable, 0},
  };
  napi_define_properties(env, exports, sizeof d / sizeof d[0], d);
  return exports;
}
