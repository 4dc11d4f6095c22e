// A chunked dataset's chunks as HDF5's shuffle, deflate and Fletcher32
// filters store them (hdf5_write.cpp sets those filters on every deflated
// dataset), made here rather than by HDF5 so that they can be made in
// parallel: HDF5 filters one chunk at a time, and compressing a large
// dataset is most of the time it takes to write it (a 10,000-staff
// network snapshot's: about 0.2 s). Written with H5Dwrite_chunk, they read
// back through HDF5's own filters, each chunk's checksum checked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <hdf5.h>

namespace trustsim::hdf5 {

struct FilteredChunk {
  std::vector<hsize_t> offset;  // of its first element, in the dataset
  std::vector<unsigned char> bytes;
};

// The chunks of a row-major array of `dims` elements of `element_bytes`
// each, chunked by `chunk`, in row-major order of chunks. A chunk reaching
// past the dataset's end holds zeros there, as HDF5's fill value.
std::vector<FilteredChunk> filtered_chunks(const unsigned char* data,
                                           const std::vector<hsize_t>& dims,
                                           const std::vector<hsize_t>& chunk,
                                           std::size_t element_bytes, int deflate_level);

// HDF5's Fletcher32 checksum of `bytes` (H5Zfletcher32.c): Fletcher's
// checksum over big-endian 16-bit words, both sums starting at 0.
std::uint32_t fletcher32(const unsigned char* bytes, std::size_t size);

}  // namespace trustsim::hdf5
