// ThreadSanitizer and oneTBB: what TBB guarantees, told to TSan.
//
// TSan sees an order between two threads only through code it instrumented.
// oneTBB hands a task from the thread that spawns it to the thread that runs
// it, and reports the end of a parallel loop to the thread waiting for it,
// inside libtbb.so, which Debian does not build with TSan. So every value a
// loop body reads that was written before the loop (the world, the
// parameters), and every result read after it, looks like a data race, and
// so does TBB's reuse of its own task memory. Suppressing those reports
// would also hide real races in trustsim's loop bodies.
//
// Instead this file, linked only into the ThreadSanitizer test executables,
// wraps the libtbb entry points that the TBB headers call and declares the
// three orders TBB provides, no more:
//  - spawn(task) happens before the task runs: the spawning thread releases
//    on the task's address, and the task's execute() (or cancel()) first
//    acquires it. libtbb calls execute() itself, so the task's virtual table
//    pointer is swapped at spawn for a copy whose execute()/cancel() acquire,
//    restore the original pointer and call the original;
//  - a task's last release of its wait_context happens before wait() and
//    execute_and_wait() return: the returning thread acquires on the
//    context's reference count, which the releasing tasks update with atomic
//    read-modify-writes that TSan does see;
//  - freeing a task's memory to TBB's small-object pool happens before the
//    pool hands the same memory out again.
// The bookkeeping runs with TSan's accesses and synchronisation ignored, so
// that it adds no order of its own between threads.
#include <dlfcn.h>
#include <oneapi/tbb/detail/_small_object_pool.h>
#include <oneapi/tbb/detail/_task.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>

extern "C" {
void __tsan_acquire(void* address);
void __tsan_release(void* address);
void __tsan_ignore_thread_begin();
void __tsan_ignore_thread_end();
void AnnotateIgnoreSyncBegin(const char* file, int line);
void AnnotateIgnoreSyncEnd(const char* file, int line);
}

namespace {

using tbb::detail::d1::execution_data;
using tbb::detail::d1::small_object_pool;
using tbb::detail::d1::task;
using tbb::detail::d1::task_group_context;
using tbb::detail::d1::wait_context;

// The order of d1::task's virtual functions in the Itanium C++ ABI: two
// destructor entries, then execute and cancel.
constexpr std::size_t execute_slot = 2;
constexpr std::size_t cancel_slot = 3;
constexpr std::size_t task_slots = 4;
using Method = task* (*)(task*, execution_data&);

// wait_context is {version and traits, atomic reference count}.
static_assert(sizeof(wait_context) == 2 * sizeof(std::uint64_t));
void* reference_count(wait_context& context) {
  return reinterpret_cast<char*>(&context) + sizeof(std::uint64_t);
}

// Acquires on `address` when the scope ends, also when TBB rethrows the
// exception of a cancelled loop: the tasks have finished either way.
struct AcquireOnExit {
  void* address;
  ~AcquireOnExit() { __tsan_acquire(address); }
};

// Bookkeeping that TSan must neither check nor count as synchronisation.
struct Unobserved {
  Unobserved() {
    __tsan_ignore_thread_begin();
    AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
  }
  ~Unobserved() {
    AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
    __tsan_ignore_thread_end();
  }
};

template <class F>
F real(const char* mangled_name) {
  void* function = ::dlsym(RTLD_NEXT, mangled_name);
  if (function == nullptr) {
    std::fprintf(stderr, "tbb_happens_before: %s not found in libtbb\n", mangled_name);
    std::abort();
  }
  return reinterpret_cast<F>(function);
}

// A copy of a task type's virtual table whose execute and cancel acquire
// first. `original` sits just before the ABI prefix (offset to top, type
// info), so a task's swapped pointer leads back to its own table.
struct SwappedTable {
  void** original;
  void* prefix[2];
  void* slots[task_slots];
};

void**& table_of(task* t) { return *reinterpret_cast<void***>(t); }

SwappedTable* swapped_of(void** slots) {
  return reinterpret_cast<SwappedTable*>(reinterpret_cast<char*>(slots) -
                                         offsetof(SwappedTable, slots));
}

template <std::size_t Slot>
task* acquire_then_call(task* self, execution_data& data) {
  void** original = nullptr;
  {
    Unobserved quiet;
    original = swapped_of(table_of(self))->original;
    table_of(self) = original;
  }
  __tsan_acquire(self);
  return reinterpret_cast<Method>(original[Slot])(self, data);
}

// One swapped table per task type, made on first spawn and kept.
std::mutex tables_mutex;
std::array<std::atomic<SwappedTable*>, 256> tables{};

void** swapped_table_for(void** original) {
  for (const auto& entry : tables) {
    SwappedTable* table = entry.load(std::memory_order_acquire);
    if (table == nullptr) break;
    if (table->original == original) return table->slots;
  }
  std::lock_guard lock(tables_mutex);
  for (auto& entry : tables) {
    SwappedTable* table = entry.load(std::memory_order_acquire);
    if (table == nullptr) {
      table = new SwappedTable{original, {original[-2], original[-1]}, {}};
      for (std::size_t i = 0; i < task_slots; ++i) table->slots[i] = original[i];
      table->slots[execute_slot] = reinterpret_cast<void*>(&acquire_then_call<execute_slot>);
      table->slots[cancel_slot] = reinterpret_cast<void*>(&acquire_then_call<cancel_slot>);
      entry.store(table, std::memory_order_release);
    }
    if (table->original == original) return table->slots;
  }
  std::fprintf(stderr, "tbb_happens_before: more than %zu task types\n", tables.size());
  std::abort();
}

void before_spawn(task& t) {
  {
    Unobserved quiet;
    void** current = table_of(&t);
    // A task spawned again before it ran keeps its swapped table.
    if (current[execute_slot] != reinterpret_cast<void*>(&acquire_then_call<execute_slot>))
      table_of(&t) = swapped_table_for(current);
  }
  __tsan_release(&t);
}

}  // namespace

namespace tbb::detail::r1 {

void spawn(d1::task& t, d1::task_group_context& context) {
  static const auto original = real<void (*)(d1::task&, d1::task_group_context&)>(
      "_ZN3tbb6detail2r15spawnERNS0_2d14taskERNS2_18task_group_contextE");
  before_spawn(t);
  original(t, context);
}

void spawn(d1::task& t, d1::task_group_context& context, d1::slot_id slot) {
  static const auto original = real<void (*)(d1::task&, d1::task_group_context&, d1::slot_id)>(
      "_ZN3tbb6detail2r15spawnERNS0_2d14taskERNS2_18task_group_contextEt");
  before_spawn(t);
  original(t, context, slot);
}

void execute_and_wait(d1::task& t, d1::task_group_context& task_context, d1::wait_context& waiting,
                      d1::task_group_context& wait_context_) {
  static const auto original = real<void (*)(d1::task&, d1::task_group_context&, d1::wait_context&,
                                             d1::task_group_context&)>(
      "_ZN3tbb6detail2r116execute_and_waitERNS0_2d14taskERNS2_18task_group_contextERNS2_12wait_"
      "contextES6_");
  AcquireOnExit finished{reference_count(waiting)};
  original(t, task_context, waiting, wait_context_);
}

void wait(d1::wait_context& waiting, d1::task_group_context& context) {
  static const auto original = real<void (*)(d1::wait_context&, d1::task_group_context&)>(
      "_ZN3tbb6detail2r14waitERNS0_2d112wait_contextERNS2_18task_group_contextE");
  AcquireOnExit finished{reference_count(waiting)};
  original(waiting, context);
}

void* allocate(d1::small_object_pool*& pool, std::size_t bytes, const d1::execution_data& data) {
  static const auto original =
      real<void* (*)(d1::small_object_pool*&, std::size_t, const d1::execution_data&)>(
          "_ZN3tbb6detail2r18allocateERPNS0_2d117small_object_poolEmRKNS2_14execution_dataE");
  void* memory = original(pool, bytes, data);
  __tsan_acquire(memory);
  return memory;
}

void* allocate(d1::small_object_pool*& pool, std::size_t bytes) {
  static const auto original = real<void* (*)(d1::small_object_pool*&, std::size_t)>(
      "_ZN3tbb6detail2r18allocateERPNS0_2d117small_object_poolEm");
  void* memory = original(pool, bytes);
  __tsan_acquire(memory);
  return memory;
}

void deallocate(d1::small_object_pool& pool, void* memory, std::size_t bytes,
                const d1::execution_data& data) {
  static const auto original =
      real<void (*)(d1::small_object_pool&, void*, std::size_t, const d1::execution_data&)>(
          "_ZN3tbb6detail2r110deallocateERNS0_2d117small_object_poolEPvmRKNS2_14execution_dataE");
  __tsan_release(memory);
  original(pool, memory, bytes, data);
}

void deallocate(d1::small_object_pool& pool, void* memory, std::size_t bytes) {
  static const auto original = real<void (*)(d1::small_object_pool&, void*, std::size_t)>(
      "_ZN3tbb6detail2r110deallocateERNS0_2d117small_object_poolEPvm");
  __tsan_release(memory);
  original(pool, memory, bytes);
}

}  // namespace tbb::detail::r1
