#include "io/chunk_filters.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <numeric>

namespace trustsim::hdf5 {

namespace {

// Copies the chunk at `offset` out of the array, row by row of its last
// dimension; what lies beyond the array's extent stays zero.
std::vector<unsigned char> gather(const unsigned char* data, const std::vector<hsize_t>& dims,
                                  const std::vector<hsize_t>& chunk,
                                  const std::vector<hsize_t>& offset, std::size_t element_bytes) {
  const std::size_t rank = dims.size();
  const hsize_t chunk_elements =
      std::accumulate(chunk.begin(), chunk.end(), hsize_t{1}, std::multiplies<hsize_t>());
  std::vector<unsigned char> out(chunk_elements * element_bytes, 0);
  const hsize_t row = chunk[rank - 1];
  const hsize_t row_in_extent = std::min(row, dims[rank - 1] - offset[rank - 1]);
  std::vector<hsize_t> at(rank - 1, 0);  // index within the chunk, all but the last dimension
  for (hsize_t r = 0; r < chunk_elements / row; ++r) {
    bool inside = true;
    hsize_t from = 0;  // the row's first element in the array
    for (std::size_t d = 0; d + 1 < rank; ++d) {
      inside = inside && offset[d] + at[d] < dims[d];
      from = from * dims[d] + offset[d] + at[d];
    }
    from = from * dims[rank - 1] + offset[rank - 1];
    if (inside)
      std::memcpy(out.data() + r * row * element_bytes, data + from * element_bytes,
                  row_in_extent * element_bytes);
    for (std::size_t d = rank - 1; d-- > 0;) {  // the next row: count up, last dimension fastest
      if (++at[d] < chunk[d]) break;
      at[d] = 0;
    }
  }
  return out;
}

// HDF5's shuffle filter: the first byte of every element, then the second...
std::vector<unsigned char> shuffle(const std::vector<unsigned char>& in,
                                   std::size_t element_bytes) {
  const std::size_t elements = in.size() / element_bytes;
  std::vector<unsigned char> out(in.size());
  for (std::size_t b = 0; b < element_bytes; ++b)
    for (std::size_t e = 0; e < elements; ++e) out[b * elements + e] = in[e * element_bytes + b];
  return out;
}

// HDF5's deflate filter (compress2, zlib's format), then the Fletcher32
// filter's checksum appended, little-endian.
std::vector<unsigned char> deflate_and_checksum(const std::vector<unsigned char>& in, int level) {
  uLongf size = compressBound(static_cast<uLong>(in.size()));
  std::vector<unsigned char> out(size + 4);
  // Into compressBound's room compress2 fails only for want of memory.
  if (compress2(out.data(), &size, in.data(), static_cast<uLong>(in.size()), level) != Z_OK)
    throw std::bad_alloc();
  const std::uint32_t sum = fletcher32(out.data(), size);
  for (int k = 0; k < 4; ++k) out[size + static_cast<std::size_t>(k)] = (sum >> (8 * k)) & 0xff;
  out.resize(size + 4);
  return out;
}

}  // namespace

std::uint32_t fletcher32(const unsigned char* bytes, std::size_t size) {
  std::uint32_t low = 0, high = 0;
  auto fold = [](std::uint32_t sum) { return (sum & 0xffff) + (sum >> 16); };
  std::size_t words = size / 2;
  while (words > 0) {
    // 360 words at most between folds: the sums cannot overflow 32 bits.
    std::size_t run = std::min<std::size_t>(words, 360);
    words -= run;
    for (; run > 0; --run, bytes += 2) {
      low += (static_cast<std::uint32_t>(bytes[0]) << 8) | bytes[1];
      high += low;
    }
    low = fold(low);
    high = fold(high);
  }
  if (size % 2 == 1) {  // an odd last byte, as the high half of a word
    low += static_cast<std::uint32_t>(bytes[0]) << 8;
    high += low;
    low = fold(low);
    high = fold(high);
  }
  return (fold(high) << 16) | fold(low);
}

std::vector<FilteredChunk> filtered_chunks(const unsigned char* data,
                                           const std::vector<hsize_t>& dims,
                                           const std::vector<hsize_t>& chunk,
                                           std::size_t element_bytes, int deflate_level) {
  const std::size_t rank = dims.size();
  std::vector<hsize_t> per_dimension(rank);  // chunks along each dimension
  for (std::size_t d = 0; d < rank; ++d) per_dimension[d] = (dims[d] + chunk[d] - 1) / chunk[d];
  const hsize_t count = std::accumulate(per_dimension.begin(), per_dimension.end(), hsize_t{1},
                                        std::multiplies<hsize_t>());
  std::vector<FilteredChunk> chunks(count);
  for (hsize_t k = 0; k < count; ++k) {
    chunks[k].offset.resize(rank);
    for (hsize_t rest = k, d = rank; d-- > 0; rest /= per_dimension[d])
      chunks[k].offset[d] = rest % per_dimension[d] * chunk[d];
  }
  // Isolated: a thread waiting here for the other chunks takes no other
  // work (a whole run) while the caller holds the file.
  tbb::this_task_arena::isolate([&] {
    tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t k) {
      chunks[k].bytes = deflate_and_checksum(
          shuffle(gather(data, dims, chunk, chunks[k].offset, element_bytes), element_bytes),
          deflate_level);
    });
  });
  return chunks;
}

}  // namespace trustsim::hdf5
